import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The sd_notify protocol without libsystemd: one datagram per message to the socket in $NOTIFY_SOCKET.
/// A `Type=notify` unit is started once READY=1 arrives, so each daemon sends it only once it serves (the mount
/// once the kernel mount is live, the server once it listens). Outside systemd (no $NOTIFY_SOCKET) every call
/// does nothing.
public enum SystemdNotify {
    /// Sends `message` ("READY=1\nSTATUS=…"); false when there is no socket or the send failed.
    @discardableResult
    public static func send(_ message: String) -> Bool {
        guard let path = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"], !path.isEmpty else { return false }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        // "@name" is a socket in the abstract namespace: its address starts with a NUL byte.
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let sent = message.withCString { text in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, text, strlen(text), Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
        return sent >= 0
    }

    /// Half of $WATCHDOG_USEC, as systemd advises, when the watchdog is on and meant for this process.
    public static var watchdogInterval: Duration? {
        let environment = ProcessInfo.processInfo.environment
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else {
            return nil
        }
        if let pid = environment["WATCHDOG_PID"], pid != String(getpid()) { return nil }
        return .microseconds(microseconds / 2)
    }

    /// Pings the watchdog until cancelled. A task on Swift's cooperative pool, not a thread of its own: when
    /// that pool is stuck the pings stop, and systemd restarts a daemon that can no longer answer.
    public static func startWatchdog() -> Task<Void, Never>? {
        guard let interval = Self.watchdogInterval else { return nil }
        return Task {
            while !Task.isCancelled {
                Self.send("WATCHDOG=1")
                try? await Task.sleep(for: interval)
            }
        }
    }
}
