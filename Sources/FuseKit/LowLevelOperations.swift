internal import CFuse3

#if canImport(Glibc)
    import Glibc
#endif

/// What libfuse hands back to every callback as its userdata.
final class SessionContext: @unchecked Sendable {
    // SAFETY: both fields are set once before the session starts and never change.
    let fileSystem: any FuseFileSystem
    unowned(unsafe) var session: FuseSession?

    init(fileSystem: any FuseFileSystem) { self.fileSystem = fileSystem }
}

@inline(__always)
private func fileSystem(_ request: fuse_req_t?) -> any FuseFileSystem {
    Unmanaged<SessionContext>.fromOpaque(fuse_req_userdata(request)!).takeUnretainedValue().fileSystem
}

/// The C operations table. The closures capture nothing (libfuse needs C function pointers) and live in a
/// library file: closures written in `main.swift` would be inferred `@MainActor` and trap on worker threads.
func makeLowLevelOperations() -> fuse_lowlevel_ops {
    var ops = fuse_lowlevel_ops()
    ops.lookup = { request, parent, name in
        fileSystem(request).lookup(FuseRequest(request!), parent: parent, name: String(cString: name!))
    }
    ops.forget = { request, inode, lookups in
        fileSystem(request).forget(inode: inode, lookups: lookups)
        fuse_reply_none(request)
    }
    ops.forget_multi = { request, count, forgets in
        let fs = fileSystem(request)
        for index in 0..<count {
            let forget = forgets![index]
            fs.forget(inode: forget.ino, lookups: forget.nlookup)
        }
        fuse_reply_none(request)
    }
    ops.getattr = { request, inode, _ in fileSystem(request).getattr(FuseRequest(request!), inode: inode) }
    ops.opendir = { request, inode, info in
        fileSystem(request).opendir(FuseRequest(request!, fileInfo: info), inode: inode)
    }
    ops.readdir = { request, inode, size, offset, info in
        fileSystem(request).readdir(
            FuseRequest(request!),
            inode: inode,
            handle: info?.pointee.fh ?? 0,
            offset: Int(offset),
            size: size
        )
    }
    ops.releasedir = { request, inode, info in
        fileSystem(request).releasedir(FuseRequest(request!), inode: inode, handle: info?.pointee.fh ?? 0)
    }
    ops.open = { request, inode, info in
        let fuseRequest = FuseRequest(request!, fileInfo: info)
        guard fuseRequest.openFlags & O_ACCMODE == O_RDONLY, fuseRequest.openFlags & O_TRUNC == 0 else {
            fuseRequest.reply(error: .readOnly)
            return
        }
        fileSystem(request).open(fuseRequest, inode: inode)
    }
    ops.read = { request, inode, size, offset, info in
        fileSystem(request).read(
            FuseRequest(request!),
            inode: inode,
            handle: info?.pointee.fh ?? 0,
            offset: Int(offset),
            size: size
        )
    }
    ops.release = { request, inode, info in
        fileSystem(request).release(FuseRequest(request!), inode: inode, handle: info?.pointee.fh ?? 0)
    }
    ops.getxattr = { request, inode, name, size in
        fileSystem(request).getxattr(FuseRequest(request!), inode: inode, name: String(cString: name!), size: size)
    }
    ops.listxattr = { request, inode, size in
        fileSystem(request).listxattr(FuseRequest(request!), inode: inode, size: size)
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
