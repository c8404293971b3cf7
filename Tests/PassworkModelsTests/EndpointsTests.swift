import PassworkModels
import Testing

@Suite struct EndpointsTests {
    @Test(arguments: [
        (Endpoints.sessionRefresh.path(), "/api/v1/sessions/refresh"),
        (Endpoints.sessionRefreshAccessToken.path(), "/api/v1/sessions/refresh-access-token"),
        (Endpoints.sessionRefreshRefreshToken.path(), "/api/v1/sessions/refresh-refresh-token"),
        (Endpoints.masterKeyOptions.path(), "/api/v1/users/master-key/options"),
        (Endpoints.masterKeyNewOptions.path(), "/api/v1/users/master-key/new-options"),
        (Endpoints.userKeys.path(), "/api/v1/users/keys"),
        (Endpoints.userPublicKey.path("u1"), "/api/v1/users/u1/public-key"),
        (Endpoints.users.path(), "/api/v1/users"),
        (Endpoints.userRoles.path(), "/api/v1/user-roles"),
        (Endpoints.appFeatures.path(), "/api/v1/app/features"),
        (Endpoints.appSettings.path(), "/api/v1/app/settings"),
        (Endpoints.healthCheck.path(), "/api/v1/app/health-check"),
        (Endpoints.vaults.path(), "/api/v1/vaults"),
        (Endpoints.vault.path("v1"), "/api/v1/vaults/v1"),
        (Endpoints.vaultTypes.path(), "/api/v1/vault-types/all"),
        (Endpoints.vaultTypeAdministrators.path("t1"), "/api/v1/vault-types/t1/administrators"),
        (Endpoints.folders.path(), "/api/v1/folders"),
        (Endpoints.folder.path("f1"), "/api/v1/folders/f1"),
        (Endpoints.items.path(), "/api/v1/items"),
        (Endpoints.item.path("673c4da03779c24fd60a80b2"), "/api/v1/items/673c4da03779c24fd60a80b2"),
        (Endpoints.itemSearch.path(), "/api/v1/items/search"),
        (Endpoints.itemAttachment.path("i1", "a1"), "/api/v1/items/i1/attachment/a1"),
        (Endpoints.itemSnapshot.path("i1", "s1"), "/api/v1/items/i1/snapshot/s1"),
        (Endpoints.snapshotAttachment.path("s1", "a1"), "/api/v1/snapshots/s1/attachment/a1"),
        (Endpoints.shortcuts.path(), "/api/v1/shortcuts"),
        (Endpoints.shortcut.path("s1"), "/api/v1/shortcuts/s1"),
        (Endpoints.shortcutSearch.path(), "/api/v1/shortcuts/search"),
        (Endpoints.inboxItem.path("n1"), "/api/v1/inbox-items/n1"),
        (Endpoints.links.path(), "/api/v1/links"),
        (Endpoints.batch.path(), "/api/v1/batch"),
        (Endpoints.auditEvents.path(), "/api/v1/audit/events"),
    ])
    func pathsAreTheConnectorsPaths(_ path: String, _ expected: String) {
        #expect(path == expected)
    }

    @Test func everyTemplateIsListedOnceAndStartsWithThePrefix() {
        #expect(Endpoints.all.count == 31)
        #expect(Set(Endpoints.all.map(\.pattern)).count == Endpoints.all.count)
        #expect(Endpoints.all.allSatisfy { $0.pattern.hasPrefix(Endpoints.apiPrefix + "/") })
    }

    @Test func parametersAreEscapedAsOneSegment() {
        #expect(Endpoints.item.path("a/b c%") == "/api/v1/items/a%2Fb%20c%25")
        #expect(Endpoints.item.match("/api/v1/items/a%2Fb%20c%25") == ["id": "a/b c%"])
    }

    @Test func templatesNameTheirParameters() {
        #expect(Endpoints.itemAttachment.parameterNames == ["itemId", "attachmentId"])
        #expect(Endpoints.itemAttachment.pattern == "/api/v1/items/{itemId}/attachment/{attachmentId}")
        #expect(Endpoints.items.parameterNames.isEmpty)
    }

    @Test(arguments: [
        "/api/v1/items", "/api/v1/items/x/y", "/api/v1/item/x", "/api/v2/items/x", "/api/v1/items/%zz",
        "/api/v1/items/%FF", "",
    ])
    func itemTemplateRejects(_ path: String) {
        #expect(Endpoints.item.match(path) == nil)
    }

    @Test func matchIgnoresQueryAndTrailingSlash() {
        #expect(Endpoints.item.match("/api/v1/items/abc?x=1") == ["id": "abc"])
        #expect(Endpoints.item.match("/api/v1/items/abc/") == ["id": "abc"])
    }

    @Test(arguments: [
        ("/api/v1/items/search?query=x", "/api/v1/items/search", [String: String]()),
        ("/api/v1/items/abc", "/api/v1/items/{id}", ["id": "abc"]),
        ("/api/v1/shortcuts/search", "/api/v1/shortcuts/search", [:]),
        ("/api/v1/shortcuts/s9", "/api/v1/shortcuts/{id}", ["id": "s9"]),
        ("/api/v1/users/keys", "/api/v1/users/keys", [:]),
        (
            "/api/v1/items/i/snapshot/s", "/api/v1/items/{itemId}/snapshot/{snapshotId}",
            ["itemId": "i", "snapshotId": "s"]
        ),
    ])
    func resolvePrefersLiteralRoutes(_ path: String, _ pattern: String, _ parameters: [String: String]) throws {
        let resolved = try #require(Endpoints.resolve(path))
        #expect(resolved.template.pattern == pattern)
        #expect(resolved.parameters == parameters)
    }

    @Test func resolveReturnsNilForUnknownPaths() {
        #expect(Endpoints.resolve("/api/v1/nope") == nil)
        #expect(Endpoints.resolve("/api/v1/items/a/b/c/d") == nil)
    }
}
