#if canImport(Glibc)
    import Glibc
#endif

/// An error a FUSE operation answers with: a POSIX errno. All mapping from domain errors to errno values
/// happens in the file system's own code, in one place; FuseKit only carries the number to the kernel.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// No such file or directory.
    public static let noEntry = Errno(ENOENT)
    /// Permission denied.
    public static let accessDenied = Errno(EACCES)
    /// Read-only file system: every write-like operation.
    public static let readOnly = Errno(EROFS)
    /// I/O error: the backend is down and nothing is cached.
    public static let io = Errno(EIO)
    /// Not a directory.
    public static let notDirectory = Errno(ENOTDIR)
    /// Is a directory.
    public static let isDirectory = Errno(EISDIR)
    /// Operation not implemented.
    public static let notImplemented = Errno(ENOSYS)
    /// No such extended attribute.
    public static let noAttribute = Errno(ENODATA)
    /// The caller's buffer is too small.
    public static let range = Errno(ERANGE)
    /// Invalid argument.
    public static let invalid = Errno(EINVAL)
    /// The name is too long.
    public static let nameTooLong = Errno(ENAMETOOLONG)

    public var description: String { String(cString: strerror(self.rawValue)) + " (errno \(self.rawValue))" }
}
