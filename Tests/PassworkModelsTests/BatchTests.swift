import Foundation
import PassworkModels
import Testing

@Suite struct BatchTests {
    private func entries(_ count: Int) -> [BatchRequestEntry] {
        (0..<count).map { BatchRequestEntry(relativeUrl: Endpoints.item.path("id\($0)")) }
    }

    @Test func requestEncodesLikeTheConnector() throws {
        let request = BatchRequest(requests: [BatchRequestEntry(relativeUrl: "/api/v1/items/abc")])
        #expect(
            try FixtureSupport.encodedJSON(request)
                == .object([
                    "requests": .array([
                        .object(["method": .string("GET"), "relativeUrl": .string("/api/v1/items/abc")])
                    ])
                ])
        )
    }

    @Test(arguments: [(0, [Int]()), (1, [1]), (25, [25]), (26, [25, 1]), (60, [25, 25, 10])])
    func chunkingKeepsOrderAndTheLimit(_ count: Int, _ sizes: [Int]) throws {
        let all = self.entries(count)
        let batches = BatchRequest.chunked(all)
        #expect(BatchRequest.maxRequests == 25)
        #expect(batches.map(\.requests.count) == sizes)
        #expect(batches.flatMap(\.requests) == all)
        for batch in batches { try batch.validate() }
    }

    @Test func validateRejectsMoreThan25() {
        let error = #expect(throws: PassworkModelsError.self) {
            try BatchRequest(requests: self.entries(26)).validate()
        }
        #expect(error?.code == .tooManyBatchRequests)
    }

    @Test func responseKeepsOnly200BodiesAndDecodesThem() throws {
        let item = try FixtureSupport.data("item_response.json")
        let json =
            #"{"responses":[{"statusCode":200,"body":"# + String(decoding: item, as: UTF8.self) + "},"
            + #"{"statusCode":404,"body":{"errors":[{"code":"notFound","message":"Not found"}]}},"#
            + #"{"statusCode":403}]}"#
        let response = try JSONDecoder().decode(BatchResponse.self, from: Data(json.utf8))
        #expect(response.responses.map(\.statusCode) == [200, 404, 403])
        #expect(response.responses[2].body == .null)
        #expect(response.successfulBodies.count == 1)
        let items = try response.decodeSuccessfulBodies(as: Item.self)
        #expect(items == [try JSONDecoder().decode(Item.self, from: item)])
    }

    @Test func aBadSuccessfulBodyFailsDecoding() throws {
        let response = BatchResponse(responses: [
            BatchResponseEntry(statusCode: 200, body: .object(["id": .string("x")]))
        ])
        #expect(throws: DecodingError.self) { try response.decodeSuccessfulBodies(as: Item.self) }
    }
}
