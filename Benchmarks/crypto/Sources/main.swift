// Times the crypto core on the inputs Benchmarks/crypto/run gives it; prints one JSON object.
//
//   secretfs-crypto-bench [--skip-pbkdf2] INPUT.json   everything, or everything but the PBKDF2 timing
//   secretfs-crypto-bench --pbkdf2-round INPUT.json    one timed PBKDF2 derivation (run alternates these
//                                                       with the connector's, so both see the same load)
//
// INPUT.json comes from `connector_bench.py prepare`: the connector made the user, vault and item, so both
// sides decrypt the same bytes. Every figure is seconds per operation (a median), as connector_bench.py
// prints it for Python. The derived and decrypted values are checked against the expected ones: a benchmark
// that derives or decrypts wrongly exits 1.

import Foundation
import SecretCrypto

/// Ends the benchmark with a message and exit status 1.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The input file, as `connector_bench.py prepare` writes it.
struct Inputs: Decodable {
    struct Settings: Decodable {
        let pbkdf2Repetitions: Int
        let chainBatches: Int
        let chainBatchSeconds: Double
    }

    /// A custom field on the wire (encrypted) or in `expected` (plaintext).
    struct Field: Decodable, Equatable {
        let name: String
        let value: String
        let type: String
    }

    struct Expected: Decodable {
        let masterKey: String
        let vaultKey: String
        let itemKey: String
        let password: String
        let customs: [Field]
    }

    let settings: Settings
    let masterPassword: String
    let masterKeyOptions: String
    let privateEncrypted: String
    let vaultMasterKeyEncrypted: String
    let keyEncrypted: String
    let passwordEncrypted: String
    let customs: [Field]
    let expected: Expected

    static func load(path: String) throws -> Inputs {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BenchFailure("cannot read \(path): \(error.localizedDescription)")
        }
        let inputs: Inputs
        do {
            inputs = try JSONDecoder().decode(Inputs.self, from: data)
        } catch {
            throw BenchFailure("\(path) is not an input file of connector_bench.py prepare: \(error)")
        }
        let settings = inputs.settings
        guard settings.pbkdf2Repetitions >= 1, settings.chainBatches >= 1,
            settings.chainBatchSeconds > 0, settings.chainBatchSeconds <= 600
        else {
            throw BenchFailure("settings must ask for at least one repetition, one batch and 0 to 600 s per batch")
        }
        guard !inputs.customs.isEmpty else { throw BenchFailure("the item in \(path) has no custom fields") }
        guard inputs.customs.count == inputs.expected.customs.count else {
            throw BenchFailure("\(inputs.customs.count) custom fields but \(inputs.expected.customs.count) expected")
        }
        return inputs
    }
}

/// What one item chain yields.
struct DecryptedItem {
    let vaultKey: VaultKey
    let itemKey: ItemKey
    let password: SecureBytes
    let customs: [DecryptedCustomField]
}

// MARK: - The work, as the FUSE driver does it

/// The like-for-like chain: the RSA unwrap of the vault key, then everything `cachedItemChain` does.
func itemChain(_ keyring: UserKeyring, _ inputs: Inputs) throws(CryptoError) -> DecryptedItem {
    let vaultKey = try keyring.vaultKey(masterKeyEncrypted: inputs.vaultMasterKeyEncrypted)
    return try cachedItemChain(vaultKey, inputs)
}

/// The chain after the vault key: item key, password, custom fields.
func cachedItemChain(_ vaultKey: VaultKey, _ inputs: Inputs) throws(CryptoError) -> DecryptedItem {
    let itemKey = try vaultKey.itemKey(keyEncrypted: inputs.keyEncrypted)
    let password = try itemKey.decryptText(inputs.passwordEncrypted)
    var customs: [DecryptedCustomField] = []
    customs.reserveCapacity(inputs.customs.count)
    for field in inputs.customs {
        customs.append(try itemKey.decryptCustomField(name: field.name, value: field.value, type: field.type))
    }
    return DecryptedItem(vaultKey: vaultKey, itemKey: itemKey, password: password, customs: customs)
}

/// Fails unless `item` holds exactly the expected plaintexts.
func verify(_ item: DecryptedItem, _ expected: Inputs.Expected, label: String) throws {
    func check(_ what: String, _ got: SecureBytes, _ want: String) throws {
        guard got.unsafeString() == want else { throw BenchFailure("\(label): Swift decrypted the wrong \(what)") }
    }
    try check("vault key", item.vaultKey.secret, expected.vaultKey)
    try check("item key", item.itemKey.secret, expected.itemKey)
    try check("password", item.password, expected.password)
    for (index, (got, want)) in zip(item.customs, expected.customs).enumerated() {
        try check("name of custom field \(index)", got.name, want.name)
        try check("value of custom field \(index)", got.value, want.value)
        try check("type of custom field \(index)", got.type, want.type)
    }
}

// MARK: - Timing

func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// This process's CPU time so far, in seconds: unlike the wall clock, it does not grow while other
/// processes hold the CPU, which matters on a busy 2-core machine.
func processCPUSeconds() -> Double {
    var spec = timespec()
    guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec) == 0 else { return .nan }
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

/// Wall-clock and CPU seconds of each of `repetitions` calls, after one warm-up call if `warmUp`.
func singleRuns(
    _ repetitions: Int,
    warmUp: Bool,
    _ body: () throws -> Void
) rethrows -> (wall: [Double], cpu: [Double]) {
    let clock = ContinuousClock()
    if warmUp { try body() }
    var wall: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<repetitions {
        let start = clock.now
        let cpuStart = processCPUSeconds()
        try body()
        cpu.append(processCPUSeconds() - cpuStart)
        wall.append(seconds(clock.now - start))
    }
    return (wall, cpu)
}

/// Per-call seconds of `count` batches, each of enough calls to last at least `batchSeconds`
/// (calibrated on at least 50 ms of calls after a warm-up call), as connector_bench.py does.
func batches(
    count: Int,
    batchSeconds: Double,
    _ body: () throws -> Void
) rethrows -> (callsPerBatch: Int, perCall: [Double]) {
    let clock = ContinuousClock()
    try body()
    var calls = 1
    var elapsed = 0.0
    while true {
        let start = clock.now
        for _ in 0..<calls { try body() }
        elapsed = seconds(clock.now - start)
        if elapsed >= 0.05 { break }
        calls *= 2
    }
    let perBatch = max(1, Int((batchSeconds / (elapsed / Double(calls))).rounded(.up)))
    var results: [Double] = []
    for _ in 0..<count {
        let start = clock.now
        for _ in 0..<perBatch { try body() }
        results.append(seconds(clock.now - start) / Double(perBatch))
    }
    return (perBatch, results)
}

/// The median per-call seconds of a short measurement, for the breakdown.
func quick(_ body: () throws -> Void) rethrows -> Double {
    median(try batches(count: 3, batchSeconds: 0.1, body).perCall)
}

// MARK: - The benchmark

/// Derives the master key and checks it against the connector's.
func deriveMasterKey(_ inputs: Inputs, _ options: MasterKeyOptions, _ password: SecureBytes) throws -> SecureBytes {
    let masterKey = try MasterKey.derive(password: password, options: options)
    guard masterKey.unsafeString() == inputs.expected.masterKey else {
        throw BenchFailure("Swift derived a different master key than the connector")
    }
    return masterKey
}

func masterKeyOptions(_ inputs: Inputs) throws -> MasterKeyOptions {
    let options = try MasterKeyOptions(parsing: inputs.masterKeyOptions)
    guard options.iterations == 300_000 else {
        throw BenchFailure("the inputs use \(options.iterations) PBKDF2 iterations, not 300,000")
    }
    return options
}

/// One timed derivation, after a 1-iteration warm-up (which fetches the algorithm and maps the first pages).
func pbkdf2Round(inputPath: String) throws -> [String: Any] {
    let inputs = try Inputs.load(path: inputPath)
    let options = try masterKeyOptions(inputs)
    let masterPassword = SecureBytes(utf8: inputs.masterPassword)
    let warmUp = try MasterKeyOptions(iterations: 1, length: options.length, salt: options.salt)
    _ = try MasterKey.derive(password: masterPassword, options: warmUp)
    var masterKey = SecureBytes(count: 0)
    let runs = try singleRuns(1, warmUp: false) {
        masterKey = try MasterKey.derive(password: masterPassword, options: options)
    }
    guard masterKey.unsafeString() == inputs.expected.masterKey else {
        throw BenchFailure("Swift derived a different master key than the connector")
    }
    return ["pbkdf2_300k": runs.wall[0], "pbkdf2_300k_cpu": runs.cpu[0]]
}

func runBenchmark(inputPath: String, timePBKDF2: Bool) throws -> [String: Any] {
    let inputs = try Inputs.load(path: inputPath)
    let settings = inputs.settings

    // PBKDF2: MasterKey.derive, as `secretfs` derives the master key from the master password.
    let options = try masterKeyOptions(inputs)
    let masterPassword = SecureBytes(utf8: inputs.masterPassword)
    let masterKey = try deriveMasterKey(inputs, options, masterPassword)
    var result: [String: Any] = [:]
    if timePBKDF2 {
        let runs = try singleRuns(settings.pbkdf2Repetitions, warmUp: true) {
            _ = try deriveMasterKey(inputs, options, masterPassword)
        }
        result["pbkdf2_300k"] = median(runs.wall)
        result["pbkdf2_300k_runs"] = runs.wall
        result["pbkdf2_300k_cpu"] = median(runs.cpu)
    }

    // The private key is decrypted once (the connector does it once too, at set_master_key).
    let keyring = try UserKeyring.unlock(privateEncrypted: inputs.privateEncrypted, masterKey: masterKey)
    guard keyring.privateKey.bits == 2048 else {
        throw BenchFailure("expected a 2048-bit key pair, got \(keyring.privateKey.bits) bits")
    }
    let item = try itemChain(keyring, inputs)
    try verify(item, inputs.expected, label: "item chain")
    let vaultKey = item.vaultKey
    try verify(try cachedItemChain(vaultKey, inputs), inputs.expected, label: "cached item chain")

    let chain = try batches(count: settings.chainBatches, batchSeconds: settings.chainBatchSeconds) {
        _ = try itemChain(keyring, inputs)
    }
    let cached = try batches(count: settings.chainBatches, batchSeconds: settings.chainBatchSeconds) {
        _ = try cachedItemChain(vaultKey, inputs)
    }

    // Where the time goes: each step alone, and the SecureBytes every CSE decrypt makes for its plaintext.
    let itemKey = item.itemKey
    guard let firstCustom = inputs.customs.first else { throw BenchFailure("the item has no custom fields") }
    let breakdown: [String: Double] = [
        "1 RSA: keyring.vaultKey (base64, OAEP-SHA256 decrypt)": try quick {
            _ = try keyring.vaultKey(masterKeyEncrypted: inputs.vaultMasterKeyEncrypted)
        },
        "2 AES: vaultKey.itemKey (one CSE string)": try quick {
            _ = try vaultKey.itemKey(keyEncrypted: inputs.keyEncrypted)
        },
        "3 AES: itemKey.decryptText (password)": try quick { _ = try itemKey.decryptText(inputs.passwordEncrypted) },
        "4 AES: itemKey.decryptCustomField (3 CSE strings)": try quick {
            _ = try itemKey.decryptCustomField(name: firstCustom.name, value: firstCustom.value, type: firstCustom.type)
        },
        "5 Base32C.decode (password wire, part of 3)": try quick { _ = try Base32C.decode(inputs.passwordEncrypted) },
        "6 SecureBytes(count: 48) create + release": quick { _ = SecureBytes(count: 48) },
    ]

    result["item_chain"] = median(chain.perCall)
    result["item_chain_vault_key_cached"] = median(cached.perCall)
    result["detail"] = [
        "item_chain_calls_per_batch": chain.callsPerBatch,
        "item_chain_batches": chain.perCall,
        "item_chain_vault_key_cached_calls_per_batch": cached.callsPerBatch,
        "item_chain_vault_key_cached_batches": cached.perCall,
    ]
    result["breakdown"] = breakdown
    result["secureBytesLocked"] = masterKey.isLocked
    return result
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("secretfs-crypto-bench: FAILED: \(message)\n".utf8))
    exit(1)
}

let usage = "usage: secretfs-crypto-bench [--skip-pbkdf2 | --pbkdf2-round] INPUT.json (see Benchmarks/README.md)"
let arguments = Array(CommandLine.arguments.dropFirst())
guard let inputPath = arguments.last, !inputPath.hasPrefix("-"), arguments.count <= 2 else { fail(usage) }
do {
    let result: [String: Any]
    switch arguments.dropLast().first {
    case nil: result = try runBenchmark(inputPath: inputPath, timePBKDF2: true)
    case "--skip-pbkdf2": result = try runBenchmark(inputPath: inputPath, timePBKDF2: false)
    case "--pbkdf2-round": result = try pbkdf2Round(inputPath: inputPath)
    default: fail(usage)
    }
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    FileHandle.standardOutput.write(json + Data("\n".utf8))
} catch {
    fail("\(error)")
}
