import Foundation
import PassworkModels
import PassworkServer
import SecretCrypto

/// Writes the demo vault through the repository, encrypting like the connector: a fresh vault key wrapped
/// for the user, a fresh item key per item, every secret field under the item key.
struct DemoWriter {
    let repository: any Repository
    let user: UserRecord
    let publicKey: RSAPublicKey

    private var now: Int64 { Int64(Date().timeIntervalSince1970) }

    func write(vaultName: String) async throws -> DemoOutput {
        let vaultKey = try VaultKey.generate()
        let salt = try RandomKey.make(length: RandomKey.saltLength).unsafeString()
        let vault = VaultRecord(
            id: TokenGenerator.id(),
            name: vaultName,
            typeId: nil,
            salt: salt,
            masterKeyHash: vaultKey.hash(salt: salt),
            creatorId: self.user.id,
            createdAt: self.now
        )
        let member = VaultMemberRecord(
            vaultId: vault.id,
            userId: self.user.id,
            masterKeyEncrypted: try vaultKey.wrap(for: self.publicKey),
            role: .admin
        )
        try await self.repository.createVault(vault, members: [member])
        var folders: [String: String] = [:]
        for (name, parent) in [("Databases", nil), ("Web", nil), ("Staging", "Web")] as [(String, String?)] {
            let folder = FolderRecord(
                id: TokenGenerator.id(),
                vaultId: vault.id,
                parentId: parent.flatMap { folders[$0] },
                name: name,
                createdAt: self.now
            )
            try await self.repository.createFolder(folder)
            folders[name] = folder.id
        }
        var items: [String: String] = [:]
        for spec in DemoItem.all {
            items[spec.name] = try await self.writeItem(
                spec,
                vault: vault,
                vaultKey: vaultKey,
                folderId: spec.folder.flatMap { folders[$0] }
            )
        }
        return DemoOutput(vaultId: vault.id, folders: folders, items: items)
    }

    private func writeItem(_ spec: DemoItem, vault: VaultRecord, vaultKey: VaultKey, folderId: String?) async throws
        -> String
    {
        let itemKey = try ItemKey.generate()
        let id = TokenGenerator.id()
        var customs: [PassworkModels.CustomField] = []
        for field in spec.customs {
            let encrypted = try itemKey.encryptCustomField(
                SecretCrypto.DecryptedCustomField(
                    name: SecureBytes(utf8: field.name),
                    value: SecureBytes(utf8: field.value),
                    type: SecureBytes(utf8: field.type)
                )
            )
            customs.append(
                PassworkModels.CustomField(name: encrypted.name, value: encrypted.value, type: encrypted.type)
            )
        }
        var attachments: [AttachmentRecord] = []
        for (name, content) in spec.attachments {
            let encrypted = try itemKey.encryptAttachment(SecureBytes(utf8: content))
            attachments.append(
                AttachmentRecord(
                    id: TokenGenerator.id(),
                    itemId: id,
                    name: name,
                    encryptedKey: encrypted.encryptedKey,
                    encryptedData: encrypted.encryptedData,
                    hash: encrypted.hash,
                    createdAt: self.now
                )
            )
        }
        let item = Item(
            id: id,
            vaultId: vault.id,
            folderId: folderId,
            name: spec.name,
            login: spec.login,
            url: spec.url,
            description: spec.description,
            tags: spec.tags,
            passwordEncrypted: try itemKey.encryptText(SecureBytes(utf8: spec.password)),
            keyEncrypted: try vaultKey.wrap(itemKey),
            customs: customs,
            attachments: attachments.map { ItemAttachment(id: $0.id, name: $0.name, encryptedKey: $0.encryptedKey) }
        )
        let record = ItemRecord(item: item, creatorId: self.user.id, createdAt: self.now, updatedAt: self.now)
        try await self.repository.createItem(record, attachments: attachments)
        return id
    }
}

/// The demo's items. The values are demo data, not real secrets.
struct DemoItem {
    var name: String
    var folder: String?
    var login: String
    var url: String
    var description: String?
    var tags: [String]
    var password: String
    var customs: [(name: String, value: String, type: String)]
    var attachments: [(String, String)]

    static let all: [DemoItem] = [
        DemoItem(
            name: "DB Prod",
            folder: "Databases",
            login: "app",
            url: "postgres://db.example.internal:5432/app",
            description: "Production database (demo)",
            tags: ["prod", "db"],
            password: "demo-db-password-1",
            customs: [
                (name: "DB_HOST", value: "db.example.internal", type: "text"),
                (name: "DB_REPLICA_PASSWORD", value: "demo-replica-password", type: "password"),
            ],
            attachments: [("ca.pem", "-----BEGIN CERTIFICATE-----\ndemo\n-----END CERTIFICATE-----\n")]
        ),
        DemoItem(
            name: "Web Admin",
            folder: "Web",
            login: "admin",
            url: "https://admin.example.com",
            description: nil,
            tags: ["web"],
            password: "demo-web-password-2",
            customs: [(name: "2FA", value: "JBSWY3DPEHPK3PXP", type: "totp")],
            attachments: []
        ),
        DemoItem(
            name: "Staging API key",
            folder: "Staging",
            login: "",
            url: "https://staging.example.com",
            description: "API key for staging",
            tags: ["staging", "api"],
            password: "demo-api-key-3",
            customs: [(name: "API_REGION", value: "eu-west-1", type: "text")],
            attachments: []
        ),
    ]
}
