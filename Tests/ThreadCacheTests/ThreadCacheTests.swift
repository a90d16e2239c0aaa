// Built with the ThreadCache trait only (`swift test --traits ThreadCache --filter ThreadCacheTests`, as
// .ci/run does): without it nothing links the cache, and the tests and the binary use the system allocator.
#if ThreadCache
import Foundation
import Testing
import ThreadCache
import AccordTestSupport

/// The cache of freed memory blocks in front of glibc's allocator (Sources/ThreadCache): blocks it
/// hands out again are large enough, keep what is written to them, and are never handed to two
/// owners, whichever thread allocated or freed them.
@Suite struct ThreadCacheTests {
    #if os(Linux)
    @Test func theCacheIsOnWithGlibc() {
        #expect(accord_thread_cache_enabled() == 1)
    }
    #endif

    /// Each thread allocates blocks of many sizes, fills each with a byte of its own, frees them in
    /// a scrambled order and gives some to the next thread to free; every block must still hold its
    /// byte when it is freed, and hold at least the bytes asked for.
    @Test func blocksKeepTheirContentsAcrossThreads() async {
        let threads = 4, rounds = 3_000
        let handOff = HandOff(count: threads)
        let failures = await withTaskGroup(of: Int.self) { group in
            for t in 0..<threads {
                group.addTask {
                    var failures = 0
                    var rng = SeededGenerator(seed: UInt64(t + 1))
                    var live: [(UnsafeMutableRawPointer, Int, UInt8)] = []
                    let expected = UnsafeMutableRawPointer.allocate(byteCount: 9_000, alignment: 16)
                    defer { expected.deallocate() }
                    for round in 0..<rounds {
                        // Sizes of every class, the large ones (over 1 KiB) included, and some beyond them.
                        let size = Int(rng.next() % (round % 4 == 0 ? 9_000 : 1_200))
                        guard let p = malloc(size) else { failures += 1; continue }
                        if accord_thread_cache_enabled() == 1 && accord_block_capacity(p) < size { failures += 1 }
                        let mark = UInt8(truncatingIfNeeded: round &+ t)
                        memset(p, Int32(mark), size)
                        live.append((p, size, mark))
                        if live.count > 64 || round == rounds - 1 {
                            while !live.isEmpty {
                                let (q, n, m) = live.remove(at: Int(rng.next() % UInt64(live.count)))
                                memset(expected, Int32(m), n)
                                if memcmp(q, expected, n) != 0 { failures += 1 }
                                if rng.next() % 4 == 0 { handOff.give(q, to: (t + 1) % threads) } else { free(q) }
                            }
                        }
                        for q in handOff.take(for: t) { free(q) }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        handOff.freeAll()
        #expect(failures == 0)
    }

    /// Every allocation function is glibc's, so that another allocator preloaded never sees a block
    /// of glibc's: aligned blocks are aligned and freed like any other, and their capacity is glibc's
    /// answer (`.ci/run` runs the binary with jemalloc preloaded too).
    @Test func alignedBlocksAndUsableSizesAreGlibcs() throws {
        for alignment in [16, 32, 64, 4096] {
            let a = try #require(aligned_alloc(alignment, 100))
            var aligned: UnsafeMutableRawPointer?
            #expect(posix_memalign(&aligned, alignment, 300) == 0)
            let m = try #require(aligned)
            #expect(Int(bitPattern: a) % alignment == 0 && Int(bitPattern: m) % alignment == 0)
            #expect(accord_block_capacity(a) >= 100 && accord_block_capacity(m) >= 300)
            free(a)
            free(m)
        }
        let v = try #require(valloc(10))
        #expect(Int(bitPattern: v) % 4096 == 0)
        free(v)
        #expect(accord_block_capacity(nil) == 0)
    }

    /// `calloc` gives zeroed memory even when freed blocks of its size are waiting in the cache, and
    /// `realloc` keeps the contents of a block the cache handed out.
    @Test func callocIsZeroedAndReallocKeepsContents() throws {
        for _ in 0..<100 {
            let p = try #require(malloc(200))
            memset(p, 0xAB, 200)
            free(p)
        }
        let zeroed = try #require(calloc(25, 8))
        let bytes = zeroed.assumingMemoryBound(to: UInt8.self)
        #expect((0..<200).allSatisfy { bytes[$0] == 0 })
        free(zeroed)

        let small = try #require(malloc(40))
        memset(small, 0x5C, 40)
        let grown = try #require(realloc(small, 5_000))
        let grownBytes = grown.assumingMemoryBound(to: UInt8.self)
        #expect((0..<40).allSatisfy { grownBytes[$0] == 0x5C })
        free(grown)
    }

    /// `posix_memalign` (Swift's own allocations go through it) gives blocks aligned as asked, from
    /// the cache for 16 or less, and refuses an alignment that is not a power of two.
    @Test func alignedBlocksAreAlignedAsAsked() throws {
        for alignment in [8, 16, 64, 4096] {
            for size in [1, 24, 100, 1_000, 5_000] {
                var block: UnsafeMutableRawPointer?
                #expect(posix_memalign(&block, alignment, size) == 0)
                let p = try #require(block)
                #expect(Int(bitPattern: p) % alignment == 0)
                memset(p, 0x11, size)
                free(p)
            }
        }
        var block: UnsafeMutableRawPointer?
        #expect(posix_memalign(&block, 24, 10) == EINVAL)
        #expect(posix_memalign(&block, 2, 10) == EINVAL)
    }

    /// Threads that end give their cached blocks back; blocks they freed, and blocks freed after they
    /// ended, stay usable.
    @Test func threadsThatEndGiveTheirBlocksBack() {
        let done = DispatchSemaphore(value: 0)
        let survivors = HandOff(count: 1)
        for t in 0..<8 {
            let thread = Thread {
                var blocks: [UnsafeMutableRawPointer] = []
                for k in 0..<2_000 { if let p = malloc(16 + (k * 37 + t) % 900) { blocks.append(p) } }
                for (k, p) in blocks.enumerated() { if k % 10 == 0 { survivors.give(p, to: 0) } else { free(p) } }
                done.signal()
            }
            thread.start()
        }
        for _ in 0..<8 { done.wait() }
        survivors.freeAll()
        for _ in 0..<1_000 {
            guard let p = malloc(100) else { Issue.record("malloc failed"); return }
            memset(p, 0x3C, 100)
            free(p)
        }
    }

    /// Blocks passed from one thread to another to be freed there.
    final class HandOff: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [[UnsafeMutableRawPointer]]
        init(count: Int) { waiting = Array(repeating: [], count: count) }
        func give(_ p: UnsafeMutableRawPointer, to thread: Int) { lock.withLock { waiting[thread].append(p) } }
        func take(for thread: Int) -> [UnsafeMutableRawPointer] {
            lock.withLock { defer { waiting[thread] = [] }; return waiting[thread] }
        }
        func freeAll() { lock.withLock { for list in waiting { list.forEach { free($0) } } } }
    }
}
#endif
