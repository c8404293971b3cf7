/// The one error type of FuseKit: setting up or mounting a session.
public struct FuseError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Value: String {
            case sessionCreationFailed
            case mountFailed
            case notMounted
        }
        fileprivate let value: Value
        public var description: String { self.value.rawValue }
    }

    public let code: Code
    public let message: String

    public var description: String { "\(self.code): \(self.message)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// libfuse refused the options (or is out of memory).
    public static func sessionCreationFailed(_ why: String) -> Self {
        Self(code: Code(value: .sessionCreationFailed), message: why)
    }
    /// The kernel mount failed: no `/dev/fuse`, no permission, or a bad mount point.
    public static func mountFailed(_ mountpoint: String) -> Self {
        Self(code: Code(value: .mountFailed), message: "cannot mount at \(mountpoint) (see the lines libfuse printed)")
    }
    /// The session is not mounted.
    public static var notMounted: Self { Self(code: Code(value: .notMounted), message: "the session is not mounted") }
}
