#if canImport(Glibc)
    import Glibc
#endif

/// Joins libfuse's requests to a ``FuseOperations``: the one place that dispatches to tasks, replies exactly
/// once, and speaks the extended-attribute size protocol (as go-fuse's raw bridge does for its file systems).
final class FuseBridge: Sendable {
    let operations: any FuseOperations

    init(_ operations: any FuseOperations) { self.operations = operations }

    /// Runs `work` in a task and answers `request` with its value through `reply`, or with its errno.
    private func dispatch<Answer: Sendable>(
        _ request: FuseRequest,
        _ work: @escaping @Sendable () async throws(Errno) -> Answer,
        reply: @escaping @Sendable (FuseRequest, Answer) -> Void
    ) {
        Task {
            do throws(Errno) {
                reply(request, try await work())
            } catch {
                request.reply(error: error)
            }
        }
    }

    func lookup(_ request: FuseRequest, parent: InodeNumber, name: String) {
        self.dispatch(request, { () throws(Errno) in try await self.operations.lookup(parent: parent, name: name) }) {
            request,
            answer in
            switch answer {
            case .entry(let entry): request.reply(entry: entry)
            case .negative(let timeout): request.replyNegativeEntry(timeout: timeout)
            }
        }
    }

    func getattr(_ request: FuseRequest, inode: InodeNumber) {
        self.dispatch(request, { () throws(Errno) in try await self.operations.getattr(inode: inode) }) {
            request,
            answer in request.reply(attributes: answer.attributes, timeout: answer.timeout)
        }
    }

    func readdir(_ request: FuseRequest, inode: InodeNumber, offset: Int, size: Int) {
        self.dispatch(request, { () throws(Errno) in try await self.operations.readdir(inode: inode) }) {
            request,
            entries in request.reply(directory: entries, offset: offset, size: size)
        }
    }

    func open(_ request: FuseRequest, inode: InodeNumber) {
        guard request.openFlags & O_ACCMODE == O_RDONLY, request.openFlags & O_TRUNC == 0 else {
            return request.reply(error: .readOnly)
        }
        if let answer = self.operations.openImmediately(inode: inode, caller: request.caller) {
            return request.reply(open: answer)
        }
        let caller = request.caller
        self.dispatch(request, { () throws(Errno) in try await self.operations.open(inode: inode, caller: caller) }) {
            request,
            answer in request.reply(open: answer)
        }
    }

    func read(_ request: FuseRequest, inode: InodeNumber, handle: UInt64, offset: Int, size: Int) {
        var answered = false
        do throws(Errno) {
            try self.operations.read(inode: inode, handle: handle, offset: offset, size: size) { bytes in
                answered = true
                request.reply(data: bytes)
            }
        } catch {
            // An operation that answered and then threw breaks the exactly-once rule: the reply stands.
            if !answered { request.reply(error: error) }
            return
        }
        if !answered { request.reply(data: UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    func release(_ request: FuseRequest, inode: InodeNumber, handle: UInt64) {
        self.operations.release(inode: inode, handle: handle)
        request.replyOK()
    }

    func getxattr(_ request: FuseRequest, inode: InodeNumber, name: String, size: Int) {
        do throws(Errno) {
            Self.reply(request, xattr: try self.operations.getxattr(inode: inode, name: name), size: size)
        } catch {
            request.reply(error: error)
        }
    }

    func listxattr(_ request: FuseRequest, inode: InodeNumber, size: Int) {
        do throws(Errno) {
            let names: [UInt8] = try self.operations.listxattr(inode: inode).flatMap { name -> [UInt8] in
                Array(name.utf8) + [0]
            }
            Self.reply(request, xattr: names, size: size)
        } catch {
            request.reply(error: error)
        }
    }

    /// The size protocol of `getxattr`/`listxattr`: size 0 asks for the length; a buffer too small is `ERANGE`.
    static func reply(_ request: FuseRequest, xattr value: [UInt8], size: Int) {
        if size == 0 {
            request.reply(xattrSize: value.count)
        } else if size < value.count {
            request.reply(error: .range)
        } else {
            value.withUnsafeBytes { request.reply(data: $0) }
        }
    }
}
