import Foundation
import PassworkServer
import SecretCrypto

/// Makes accounts as Passwork's web client would: the master key is derived here, the RSA pair is made here
/// and its private key is encrypted under the master key here; the server stores only the results.
enum AccountFactory {
    /// A new account and its master key (the base64 text the connector calls the master key).
    static func create(
        login: String,
        role: AccountRole,
        masterPassword: SecureBytes,
        repository: any Repository
    ) async throws -> (user: UserRecord, masterKey: SecureBytes) {
        guard try await repository.user(login: login) == nil else {
            throw CLIError(.userExists, "a user named \(login) already exists")
        }
        let salt = try RandomKey.make(length: 20).unsafeString()
        let options = try SecretCrypto.MasterKeyOptions(
            iterations: SecretCrypto.MasterKeyOptions.defaultIterations,
            length: SecretCrypto.MasterKeyOptions.defaultLength,
            salt: salt
        )
        let masterKey = try MasterKey.derive(password: masterPassword, options: options)
        let created = try UserKeyring.create(masterKey: masterKey)
        let user = UserRecord(
            id: TokenGenerator.id(),
            login: login,
            fullName: login,
            role: role,
            masterKeyHash: MasterKey.hash(masterKey),
            masterKeyOptions: options.description,
            publicKey: created.publicKeyPEM,
            privateEncrypted: created.privateEncrypted,
            createdAt: Int64(Date().timeIntervalSince1970)
        )
        try await repository.createUser(user)
        return (user, masterKey)
    }

    /// Unlocks an existing account's keyring with its master password.
    static func unlock(user: UserRecord, masterPassword: SecureBytes) throws -> (UserKeyring, SecureBytes) {
        guard let optionsText = user.masterKeyOptions, let privateEncrypted = user.privateEncrypted else {
            throw CLIError(.noKeys, "\(user.login) has no client-side encryption keys")
        }
        let options = try SecretCrypto.MasterKeyOptions(parsing: optionsText)
        let masterKey = try MasterKey.derive(password: masterPassword, options: options)
        guard MasterKey.hash(masterKey) == user.masterKeyHash else {
            throw CLIError(.wrongMasterPassword, "the master password is wrong")
        }
        return (try UserKeyring.unlock(privateEncrypted: privateEncrypted, masterKey: masterKey), masterKey)
    }
}

/// The JSON a command prints for a new account or pair.
struct CredentialsOutput: Encodable {
    var host: String?
    var id: String?
    var login: String?
    var role: String?
    var accessToken: String
    var refreshToken: String
    var accessTokenExpiredAt: Int64
    var refreshTokenExpiredAt: Int64
    var masterKey: String?

    /// What `init`, `user add` and `token issue` print for a user and a freshly issued pair.
    init(user: UserRecord, tokens: IssuedTokens, host: String? = nil, includeRole: Bool, masterKey: String? = nil) {
        self.host = host
        self.id = user.id
        self.login = user.login
        self.role = includeRole ? user.role.rawValue : nil
        self.accessToken = tokens.accessToken
        self.refreshToken = tokens.refreshToken
        self.accessTokenExpiredAt = tokens.accessExpiresAt
        self.refreshTokenExpiredAt = tokens.refreshExpiresAt
        self.masterKey = masterKey
    }
}
