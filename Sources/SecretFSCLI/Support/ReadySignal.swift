import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The readiness handshake: one line on a descriptor the parent holds (gocryptfs' -notifypid idea).
enum ReadySignal {
    static func send(on descriptor: Int32) {
        var line = "ready\n"
        line.withUTF8 { _ = write(descriptor, $0.baseAddress, $0.count) }
        if descriptor <= 2 {
            // Keep the standard descriptor valid (later writes must not raise SIGPIPE): point it at /dev/null.
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 {
                dup2(null, descriptor)
                close(null)
            }
        } else {
            close(descriptor)
        }
    }
}
