import Testing

@testable import PassworkServer

@Suite("Configuration parsing")
struct ConfigurationTests {
    @Test(
        "database locations",
        arguments: [
            ("sqlite:/tmp/a.sqlite", "sqlite:/tmp/a.sqlite"),
            ("sqlite:///tmp/a.sqlite", "sqlite:/tmp/a.sqlite"),
            ("postgres://u:p@db:6543/app?schema=t1", "postgres://u@db:6543/app?schema=t1"),
            ("postgresql://u@db/app?sslmode=require", "postgres://u@db:5432/app?sslmode=require"),
        ]
    )
    func locations(text: String, expected: String) throws {
        #expect(try DatabaseLocation(parsing: text).description == expected)
    }

    @Test(
        "bad database locations are configuration errors",
        arguments: [
            "mysql://x", "sqlite:", "postgres://u@db/app?schema=a;drop", "postgres://u@db/app?sslmode=sometimes", "",
        ]
    )
    func badLocations(text: String) {
        var caught: ServerError?
        do {
            _ = try DatabaseLocation(parsing: text)
        } catch {
            caught = error
        }
        #expect(caught?.code == .configuration)
    }

    @Test("the password never appears in a location's description")
    func redactsPassword() throws {
        #expect(!(try DatabaseLocation(parsing: "postgres://u:hunter2@db/app").description.contains("hunter2")))
    }

    @Test(
        "token lifetimes",
        arguments: [
            ("900", Int64(900)), ("15m", 900), ("2s", 2), ("1h", 3600), ("30d", 2_592_000),
        ]
    )
    func durations(text: String, seconds: Int64) {
        #expect(TokenSettings.parseDuration(text) == seconds)
    }

    @Test("bad token lifetimes", arguments: ["", "0", "-5", "5x", "m"])
    func badDurations(text: String) {
        #expect(TokenSettings.parseDuration(text) == nil)
    }
}
