/// How the kernel mount is made. Always read-only.
public struct MountOptions: Sendable, Hashable {
    /// Shown as the source in `mount` and `/proc/mounts`.
    public var fileSystemName: String
    /// `fuse.SUBTYPE` in `mount`.
    public var subtype: String
    /// Let users other than the mounting one in (needs `user_allow_other` in /etc/fuse.conf for non-root).
    public var allowOther: Bool
    /// Let the kernel enforce the mode bits and ownership we report (`default_permissions`).
    public var kernelPermissionChecks: Bool
    /// Have `fusermount3` unmount when the daemon dies, even by SIGKILL (`auto_unmount`).
    public var unmountWhenDaemonDies: Bool

    public init(
        fileSystemName: String,
        subtype: String,
        allowOther: Bool = false,
        kernelPermissionChecks: Bool = true,
        unmountWhenDaemonDies: Bool = true
    ) {
        self.fileSystemName = fileSystemName
        self.subtype = subtype
        self.allowOther = allowOther
        self.kernelPermissionChecks = kernelPermissionChecks
        self.unmountWhenDaemonDies = unmountWhenDaemonDies
    }

    /// The `-o` list libfuse parses.
    var optionString: String {
        var options = ["ro", "fsname=\(self.fileSystemName)", "subtype=\(self.subtype)"]
        if self.kernelPermissionChecks { options.append("default_permissions") }
        if self.allowOther { options.append("allow_other") }
        if self.unmountWhenDaemonDies { options.append("auto_unmount") }
        return options.joined(separator: ",")
    }
}
