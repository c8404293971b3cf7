import Foundation
import Yams

/// A mount profile (`Mounts/NAME.yaml`): the options of `secretfs mount` written down once per way of mounting.
/// Each key is the long name of an option (`cache-ttl: 5`, `allow-other: true`, `mountpoint: /secrets`).
///
/// A profile becomes command-line arguments placed before the ones actually typed, so the same parser checks
/// both and a flag given on the command line overrides the file (the parser keeps an option's last value).
/// Secrets are refused: tokens and master keys come from the credentials file or the `PASSWORK_*` environment,
/// never from a file that is meant to be committed and shared.
struct MountProfile: Equatable {
    /// The arguments the profile stands for, in the file's order.
    let arguments: [String]

    /// A profile that cannot be used: unreadable, not YAML, or with a key or value `mount` does not take.
    struct Failure: Error, Equatable {
        let message: String
    }

    /// The option that names a profile.
    static let option = "--config"

    /// The positional mount point, given in a profile as a key of its own.
    static let mountpointKey = "mountpoint"
    /// The hidden option that carries a profile's mount point; a mount point typed on the command line wins.
    static let mountpointOption = "--profile-mountpoint"

    /// Keys that would put a secret into the file.
    static let secretKeys: Set<String> = ["token", "refresh-token", "master-key"]

    /// Parses a profile's text. `source` names it in messages.
    init(yaml text: String, source: String) throws(Failure) {
        // The composed tree, not loaded values: `file-mode: 0400` must stay the text 0400, which YAML 1.1 would
        // otherwise turn into the number 256. The parser also refuses a key written twice.
        let document: Node?
        do {
            document = try Yams.compose(yaml: text)
        } catch {
            throw Failure(message: "\(source): not valid YAML: \(error)")
        }
        guard let document else {
            self.arguments = []
            return
        }
        guard let mapping = document.mapping else {
            throw Failure(message: "\(source): a profile is a mapping of option names to values")
        }
        var arguments: [String] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw Failure(message: "\(source): option names are plain strings")
            }
            arguments += try Self.arguments(key: key, value: value, source: source)
        }
        self.arguments = arguments
    }

    /// Reads and parses the profile at `path`.
    init(path: String) throws(Failure) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(message: "\(path): cannot read the profile (\(error.localizedDescription))")
        }
        try self.init(yaml: text, source: path)
    }

    /// The arguments of one `mount` command line with its profile, if any, expanded in place: the profile's
    /// arguments come right after `mount`, before the typed ones. Other commands pass through unchanged.
    static func expand(_ arguments: [String]) throws(Failure) -> [String] {
        guard let command = arguments.firstIndex(where: { !$0.hasPrefix("-") }), arguments[command] == "mount"
        else { return arguments }
        var typed = Array(arguments[(command + 1)...])
        var path: String?
        var index = 0
        while index < typed.count {
            let argument = typed[index]
            if argument == "--" { break }
            if argument == Self.option {
                guard index + 1 < typed.count else { throw Failure(message: "\(Self.option) needs a file") }
                path = typed[index + 1]
                typed.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix(Self.option + "=") {
                path = String(argument.dropFirst(Self.option.count + 1))
                typed.remove(at: index)
            } else {
                index += 1
            }
        }
        guard let path else { return arguments }
        let profile = try MountProfile(path: path)
        return Array(arguments[...command]) + profile.arguments + typed
    }

    private static func arguments(key: String, value: Node, source: String) throws(Failure) -> [String] {
        guard !Self.secretKeys.contains(key) else {
            throw Failure(
                message: "\(source): '\(key)' is a secret and does not belong in a profile; use credentials: PATH "
                    + "or the PASSWORK_* environment"
            )
        }
        guard key != "config" else { throw Failure(message: "\(source): a profile cannot name another profile") }
        guard key.first?.isLetter == true, key.allSatisfy({ $0.isLetter || $0 == "-" }) else {
            throw Failure(message: "\(source): '\(key)' is not an option name")
        }
        guard let scalar = value.scalar else {
            throw Failure(message: "\(source): '\(key)' must be a single value (a string, a number or true/false)")
        }
        let option = key == Self.mountpointKey ? Self.mountpointOption : "--" + key
        if let flag = value.bool { return flag ? [option] : [] }
        if value.null != nil { return [] }
        return [option, scalar.string]
    }
}
