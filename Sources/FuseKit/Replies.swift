/// A found entry: the inode, its attributes, and how long the kernel may cache each.
public struct EntryReply: Sendable {
    public var attributes: FileAttributes
    /// Seconds the kernel may cache the name → inode mapping.
    public var entryTimeout: Double
    /// Seconds the kernel may cache the attributes.
    public var attributeTimeout: Double

    public init(attributes: FileAttributes, entryTimeout: Double, attributeTimeout: Double) {
        self.attributes = attributes
        self.entryTimeout = entryTimeout
        self.attributeTimeout = attributeTimeout
    }
}

/// A `lookup` answer. Each `.entry` adds one to the inode's lookup count, which `forget` later removes.
public enum LookupReply: Sendable {
    case entry(EntryReply)
    /// No such name, and the kernel may remember that for `timeout` seconds without asking again (names such as
    /// `.git` or `._foo` that tools probe again and again).
    case negative(timeout: Double)
}

/// A `getattr` answer: the attributes and how long the kernel may cache them.
public struct AttributesReply: Sendable {
    public var attributes: FileAttributes
    public var timeout: Double

    public init(attributes: FileAttributes, timeout: Double) {
        self.attributes = attributes
        self.timeout = timeout
    }
}

/// An `open` answer.
public struct OpenReply: Sendable {
    /// A number the file system chooses; it comes back with every `read` and the `release` of this open.
    public var handle: UInt64
    /// Bypass the page cache: every read reaches the daemon and nothing stays in kernel memory.
    public var directIO: Bool
    /// Keep the page cache from earlier opens (the opposite trade-off).
    public var keepCache: Bool

    public init(handle: UInt64, directIO: Bool = false, keepCache: Bool = false) {
        self.handle = handle
        self.directIO = directIO
        self.keepCache = keepCache
    }
}

/// One directory entry for `readdir`.
public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    public var inode: InodeNumber
    public var kind: FileAttributes.Kind

    public init(name: String, inode: InodeNumber, kind: FileAttributes.Kind) {
        self.name = name
        self.inode = inode
        self.kind = kind
    }
}
