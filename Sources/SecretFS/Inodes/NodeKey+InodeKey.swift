import SecretTree

/// The tree's nodes are numbered by their identity.
extension NodeKey: InodeKey {}
