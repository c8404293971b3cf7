import Foundation
import Synchronization
import Testing

@testable import SecretCrypto

@Suite(.serialized) struct SecureBytesTests {
    #if DEBUG
        /// A small buffer's arena slot holds only zeros once released, before anyone else can take it.
        @Test func arenaSlotIsZeroAfterRelease() throws {
            let seen = Mutex<[UInt8]?>(nil)
            var buffer: SecureBytes? = SecureBytes(utf8: "s3cr3t password")
            let base = UInt(bitPattern: try #require(buffer?.baseAddress))
            SecureBytes.releaseInspector.withLock { inspector in
                inspector = { slot in
                    if UInt(bitPattern: slot.baseAddress) == base { seen.withLock { $0 = Array(slot) } }
                }
            }
            defer { SecureBytes.releaseInspector.withLock { $0 = nil } }
            buffer = nil
            let released = try #require(seen.withLock { $0 })
            #expect(released.count == 64)
            #expect(released.allSatisfy { $0 == 0 })
        }

        /// The pages of a released large buffer hold only zeros between the wipe and the unmap.
        @Test func memoryIsZeroAfterRelease() throws {
            let seen = Mutex<[UInt8]?>(nil)
            var buffer: SecureBytes? = SecureBytes(utf8: String(repeating: "correct horse battery staple ", count: 300))
            let base = UInt(bitPattern: try #require(buffer?.baseAddress))
            SecureBytes.releaseInspector.withLock { inspector in
                inspector = { pages in
                    if UInt(bitPattern: pages.baseAddress) == base { seen.withLock { $0 = Array(pages) } }
                }
            }
            defer { SecureBytes.releaseInspector.withLock { $0 = nil } }
            #expect(buffer!.unsafeString().hasPrefix("correct horse"))
            buffer = nil
            let released = try #require(seen.withLock { $0 })
            #expect(released.count >= 300 * 29)
            #expect(released.allSatisfy { $0 == 0 })
        }
    #endif

    /// Arena slots are handed out to many threads at once without two buffers sharing bytes.
    @Test func arenaUnderConcurrency() {
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<2_000 {
                let size = [1, 63, 64, 65, 300, 1024, 4096, 5000][(worker + round) % 8]
                let value = [UInt8](repeating: UInt8(truncatingIfNeeded: worker &* 31 &+ round), count: size)
                let buffer = SecureBytes(value)
                if buffer.unsafeArray() != value { failures.add(1, ordering: .relaxed) }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        // Fresh buffers are zero-filled, including reused slots.
        #expect(SecureBytes(count: 4000).unsafeArray().allSatisfy { $0 == 0 })
    }

    @Test func wipeZeroesAndEmpties() {
        let buffer = SecureBytes(utf8: "hunter2")
        let base = buffer.baseAddress!
        buffer.wipe()
        #expect(buffer.count == 0)
        #expect(UnsafeRawBufferPointer(start: base, count: 7).allSatisfy { $0 == 0 })
    }

    /// The mapping is locked, kept out of core dumps and wiped in forked children (procfs VmFlags lo, dd, wf).
    @Test func pagesAreLockedAndExcludedFromDumps() throws {
        let buffer = SecureBytes(count: 32)
        #expect(buffer.isLocked)  // tests run as root, or with a memlock limit above one page
        let address = UInt(bitPattern: buffer.baseAddress!)
        // Adjacent mappings with the same flags merge into one area: find the area that holds the address.
        // procfs reports a size of 0, so read to the end rather than by size.
        let file = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        let smaps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let areaStart = try #require(
            smaps.firstIndex { line in
                let range = line.split(separator: " ").first?.split(separator: "-").compactMap { UInt($0, radix: 16) }
                return range?.count == 2 && range![0] <= address && address < range![1]
            }
        )
        let section = try #require(smaps[areaStart...].first { $0.hasPrefix("VmFlags:") })
        let flags = Set(section.split(separator: " ").dropFirst().map(String.init))
        #expect(flags.isSuperset(of: ["lo", "dd", "wf"]), "VmFlags: \(flags)")
    }

    @Test func printsRedacted() {
        let buffer = SecureBytes(utf8: "s3cr3t!")
        #expect("\(buffer)" == "<redacted 7 bytes>")
        #expect(String(reflecting: buffer) == "<redacted 7 bytes>")
        #expect(!"\(ItemKey(secret: buffer))".contains("s3cr3t"))
        #expect(!"\(VaultKey(secret: buffer))".contains("s3cr3t"))
    }

    @Test func constantTimeEquality() {
        #expect(SecureBytes(utf8: "abc").constantTimeEquals(SecureBytes(utf8: "abc")))
        #expect(!SecureBytes(utf8: "abc").constantTimeEquals(SecureBytes(utf8: "abd")))
        #expect(!SecureBytes(utf8: "abc").constantTimeEquals(SecureBytes(utf8: "abcd")))
        #expect(SecureBytes(count: 0).constantTimeEquals(SecureBytes(utf8: "")))
    }
}
