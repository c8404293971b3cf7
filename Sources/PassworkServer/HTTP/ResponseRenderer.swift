import Foundation
import HTTPTypes
import Hummingbird
import PassworkModels

/// Turns a JSON answer into an HTTP response: wrapped in the base64 envelope unless the request asked for
/// `X-Response-Format: raw`.
enum ResponseRenderer {
    static let responseFormatHeader = HTTPField.Name(PassworkHeaders.responseFormat)!
    static let masterKeyHashHeader = HTTPField.Name(PassworkHeaders.masterKeyHash)!

    /// Whether the request wants the envelope.
    static func wantsEnvelope(_ request: Request) -> Bool {
        ResponseEnvelope.shouldWrap(responseFormatHeader: request.headers[Self.responseFormatHeader])
    }

    /// The HTTP response for a status and JSON body.
    static func render(status: Int, json: Data, envelope: Bool) -> Response {
        let body = envelope ? ResponseEnvelope.wrap(json) : json
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
