internal import CFuse3

#if canImport(Glibc)
    import Glibc
#endif

/// What libfuse hands back to every callback as its userdata.
final class SessionContext: @unchecked Sendable {
    // SAFETY: both fields are set once before the session starts and never change.
    let bridge: FuseBridge
    unowned(unsafe) var session: FuseSession?

    init(operations: any FuseOperations) { self.bridge = FuseBridge(operations) }
}

@inline(__always)
private func bridge(_ request: fuse_req_t?) -> FuseBridge {
    Unmanaged<SessionContext>.fromOpaque(fuse_req_userdata(request)!).takeUnretainedValue().bridge
}

/// The C operations table. The closures capture nothing (libfuse needs C function pointers) and live in a
/// library file: closures written in `main.swift` would be inferred `@MainActor` and trap on worker threads.
func makeLowLevelOperations() -> fuse_lowlevel_ops {
    var ops = fuse_lowlevel_ops()
    ops.lookup = { request, parent, name in
        bridge(request).lookup(FuseRequest(request!), parent: parent, name: String(cString: name!))
    }
    ops.forget = { request, inode, lookups in
        bridge(request).operations.forget(inode: inode, lookups: lookups)
        fuse_reply_none(request)
    }
    ops.forget_multi = { request, count, forgets in
        let operations = bridge(request).operations
        for index in 0..<count {
            let forget = forgets![index]
            operations.forget(inode: forget.ino, lookups: forget.nlookup)
        }
        fuse_reply_none(request)
    }
    ops.getattr = { request, inode, _ in bridge(request).getattr(FuseRequest(request!), inode: inode) }
    ops.opendir = { request, _, info in FuseRequest(request!, fileInfo: info).reply(open: OpenReply(handle: 0)) }
    ops.readdir = { request, inode, size, offset, _ in
        bridge(request).readdir(FuseRequest(request!), inode: inode, offset: Int(offset), size: size)
    }
    ops.releasedir = { request, _, _ in fuse_reply_err(request, 0) }
    ops.open = { request, inode, info in bridge(request).open(FuseRequest(request!, fileInfo: info), inode: inode) }
    ops.read = { request, inode, size, offset, info in
        bridge(request).read(
            FuseRequest(request!),
            inode: inode,
            handle: info?.pointee.fh ?? 0,
            offset: Int(offset),
            size: size
        )
    }
    ops.release = { request, inode, info in
        bridge(request).release(FuseRequest(request!), inode: inode, handle: info?.pointee.fh ?? 0)
    }
    ops.getxattr = { request, inode, name, size in
        bridge(request).getxattr(FuseRequest(request!), inode: inode, name: String(cString: name!), size: size)
    }
    ops.listxattr = { request, inode, size in
        bridge(request).listxattr(FuseRequest(request!), inode: inode, size: size)
    }
    ops.statfs = { request, _ in FuseRequest(request!).replyStatfs() }

    // Every write-like operation: a read-only file system.
    ops.setattr = { request, _, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.mknod = { request, _, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.mkdir = { request, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.unlink = { request, _, _ in fuse_reply_err(request, EROFS) }
    ops.rmdir = { request, _, _ in fuse_reply_err(request, EROFS) }
    ops.symlink = { request, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.rename = { request, _, _, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.link = { request, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.write = { request, _, _, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.create = { request, _, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.setxattr = { request, _, _, _, _, _ in fuse_reply_err(request, EROFS) }
    ops.removexattr = { request, _, _ in fuse_reply_err(request, EROFS) }
    ops.fallocate = { request, _, _, _, _, _ in fuse_reply_err(request, EROFS) }
    return ops
}
