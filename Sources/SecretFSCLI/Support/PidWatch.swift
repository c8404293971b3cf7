import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `mount --exit-when-pid-exits PID`: a sidecar or a CI job's mount that ends with the process it serves.
/// When PID is gone this process sends itself SIGTERM, so the end is the same clean unmount as a `kill`.
enum PidWatch {
    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Polls twice a second: a pidfd would wake at once, but Swift cannot call the variadic syscall(2), and
    /// half a second is nothing next to a pod's or a job's shutdown.
    static func start(_ pid: Int32) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                if !Self.isAlive(pid) {
                    kill(getpid(), SIGTERM)
                    return
                }
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
