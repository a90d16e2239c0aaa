import Foundation

/// A small deterministic random generator for property tests.
package struct SeededGenerator: RandomNumberGenerator {
    package var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// A generator for a test that tries random input: seeded from `ACCORD_TEST_SEED` when it is set,
    /// otherwise from the system's randomness; the seed is printed, so a failing run can be repeated
    /// (`ACCORD_TEST_SEED=N swift test --filter NAME`).
    package static func forTest(_ name: String = #function) -> SeededGenerator {
        let seed = ProcessInfo.processInfo.environment["ACCORD_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        print("\(name): seed \(seed) (ACCORD_TEST_SEED=\(seed) repeats it)")
        return SeededGenerator(seed: seed)
    }
}
