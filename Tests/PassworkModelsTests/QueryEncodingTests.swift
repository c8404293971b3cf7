import PassworkModels
import Testing

/// Expected strings were produced by running the connector's `call()` list handling followed by the
/// `requests` parameter encoding (`urllib.parse.urlencode(pairs, doseq=True)`) in Python 3.11.
@Suite struct QueryEncodingTests {
    @Test func searchQueryMatchesPython() {
        let query = ItemSearchQuery(query: "db prod", tags: ["prod", "db"], vaultIds: ["66f2d2efc8d8ccee4d033a84"])
        #expect(
            query.queryString == "query=db+prod&tags%5B%5D=prod&tags%5B%5D=db&vaultIds%5B%5D=66f2d2efc8d8ccee4d033a84"
        )
    }

    @Test func reservedCharactersMatchPython() {
        let query = ItemSearchQuery(query: "a&b=c/d?e#f%g+h", url: "https://example.com/x?y=1")
        #expect(query.queryString == "query=a%26b%3Dc%2Fd%3Fe%23f%25g%2Bh&url=https%3A%2F%2Fexample.com%2Fx%3Fy%3D1")
    }

    @Test func utf8MatchesPython() {
        let query = ItemSearchQuery(query: "пароль ü ✓", tags: ["日本", "a b"])
        #expect(
            query.queryString
                == "query=%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C+%C3%BC+%E2%9C%93&tags%5B%5D=%E6%97%A5%E6%9C%AC"
                + "&tags%5B%5D=a+b"
        )
    }

    @Test func safeCharactersAndIntegersMatchPython() {
        let query = ItemSearchQuery(query: "~_.-*'()!", colorCodes: [1, 5])
        #expect(query.queryString == "query=~_.-%2A%27%28%29%21&colorCodes%5B%5D=1&colorCodes%5B%5D=5")
    }

    @Test func emptyListSendsNothingButEmptyScalarIsSent() {
        #expect(QueryEncoding.encode([QueryParameter("tags", [String]()), QueryParameter("query", "")]) == "query=")
        #expect(ItemSearchQuery().queryString.isEmpty)
    }

    @Test func userRolesFlagsAreOnes() {
        let query = UserRolesQuery(includeUserRole: true, isOnlyManageable: true)
        #expect(query.queryString == "includeUserRole=1&isOnlyManageable=1")
    }

    @Test(arguments: [
        (" ", "+"), ("+", "%2B"), ("%", "%25"), ("/", "%2F"), ("[]", "%5B%5D"), ("\u{0}", "%00"),
        ("\u{7F}", "%7F"), ("é", "%C3%A9"), ("😀", "%F0%9F%98%80"), ("AZaz09_.-~", "AZaz09_.-~"),
    ])
    func escapeMatchesQuotePlus(_ raw: String, _ escaped: String) {
        #expect(QueryEncoding.escape(raw) == escaped)
        #expect(QueryEncoding.unescape(escaped) == raw)
    }

    @Test func appendingAddsQuestionMarkOnlyWhenNeeded() {
        let path = Endpoints.itemSearch.path()
        #expect(QueryEncoding.appending([], to: path) == "/api/v1/items/search")
        #expect(QueryEncoding.appending([QueryParameter("query", "x y")], to: path) == "/api/v1/items/search?query=x+y")
    }

    @Test func decodeMergesBracketedAndPlainNames() {
        // Python: parse_qs('tags%5B%5D=a&tags[]=b+c&tags=d&q=%E2%9C%93&bad=%zz&x', keep_blank_values=True)
        // gives {'tags[]': ['a', 'b c'], 'tags': ['d'], 'q': ['✓'], 'bad': ['%zz'], 'x': ['']}; we also merge
        // `tags[]` into `tags`, as the server must accept both spellings.
        let decoded = QueryEncoding.decode("tags%5B%5D=a&tags[]=b+c&tags=d&q=%E2%9C%93&bad=%zz&x")
        #expect(decoded == ["tags": ["a", "b c", "d"], "q": ["✓"], "bad": ["%zz"], "x": [""]])
    }

    @Test func decodePairsKeepsOrderAndSpelling() {
        let pairs = QueryEncoding.decodePairs("b=2&&a%5B%5D=1&a[]=%C3%A9=x")
        #expect(pairs.map(\.name) == ["b", "a[]", "a[]"])
        #expect(pairs.map(\.value) == ["2", "1", "é=x"])
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        #expect(QueryEncoding.unescape("%FF%C3") == "\u{FFFD}\u{FFFD}")
    }

    @Test(arguments: [
        ItemSearchQuery(query: "db prod", tags: ["prod", "db"], vaultIds: ["v1", "v2"]),
        ItemSearchQuery(query: "x&y", url: "https://a/b?c", colorCodes: [0, 7], folderIds: ["f"]),
        ItemSearchQuery(tags: ["ключ", "a+b"]),
        ItemSearchQuery(),
    ])
    func searchQueryRoundTripsThroughTheServerDecoder(_ query: ItemSearchQuery) throws {
        #expect(try ItemSearchQuery(queryParameters: QueryEncoding.decode(query.queryString)) == query)
    }

    @Test func serverAcceptsListsWithoutBrackets() throws {
        let query = try ItemSearchQuery(queryParameters: QueryEncoding.decode("tags=a&tags=b&colorCodes=3"))
        #expect(query.tags == ["a", "b"])
        #expect(query.colorCodes == [3])
    }

    @Test func nonIntegerColorCodeIsRejected() {
        let error = #expect(throws: PassworkModelsError.self) {
            try ItemSearchQuery(queryParameters: QueryEncoding.decode("colorCodes[]=red"))
        }
        #expect(error?.code == .invalidQueryParameter)
    }

    @Test func folderQueryNeedsVaultId() throws {
        #expect(FolderListQuery(vaultId: "v 1").queryString == "vaultId=v+1")
        #expect(try FolderListQuery(queryParameters: ["vaultId": ["v 1"]]) == FolderListQuery(vaultId: "v 1"))
        #expect(throws: PassworkModelsError.self) { try FolderListQuery(queryParameters: [:]) }
    }

    @Test(arguments: [("1", true), ("0", false), ("true", true), ("False", false)])
    func userRolesFlagsParse(_ text: String, _ value: Bool) throws {
        let query = try UserRolesQuery(queryParameters: ["includeUserRole": [text]])
        #expect(query.includeUserRole == value)
        #expect(query.isOnlyManageable == nil)
    }

    @Test func userRolesRejectsOtherFlagValues() {
        #expect(throws: PassworkModelsError.self) { try UserRolesQuery(queryParameters: ["isOnlyManageable": ["2"]]) }
    }
}
