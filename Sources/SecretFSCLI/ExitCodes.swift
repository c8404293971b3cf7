/// Every exit status `secretfs` uses, in one place, so scripts can rely on them (documented in the README).
enum ExitCodes {
    static let success: Int32 = 0
    /// A generic failure (ArgumentParser uses 1 as well).
    static let failure: Int32 = 1
    /// Wrong usage: ArgumentParser's own code for validation errors.
    static let usage: Int32 = 64
    /// `self-check` found a crypto result that differs from the known answer.
    static let selfCheckFailed: Int32 = 70
}
