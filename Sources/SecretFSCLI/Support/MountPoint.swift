import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The mount point itself: recovering one a killed daemon left dead, and unmounting.
enum MountPoint {
    /// A daemon killed by SIGKILL leaves "Transport endpoint is not connected": unmount it lazily first.
    static func recoverIfDead(_ path: String) {
        var information = stat()
        if stat(path, &information) != 0 && errno == ENOTCONN {
            _ = Self.unmount(path)
        }
    }

    static func unmount(_ path: String) -> Bool {
        if umount2(path, Int32(MNT_DETACH)) == 0 { return true }
        let helper = Process()
        helper.executableURL = URL(fileURLWithPath: "/bin/fusermount3")
        helper.arguments = ["-u", "-z", path]
        guard (try? helper.run()) != nil else { return false }
        helper.waitUntilExit()
        return helper.terminationStatus == 0
    }
}
