package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the emulator writes back to a request: status, content type, body and any extra headers; and
 * the error answers of the three wire protocols.
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

  /**
   * S3's REST error response (Amazon S3 User Guide, "REST error responses"): {@code <Error>} with
   * Code, Message, Resource and RequestId, as application/xml; a HEAD's error has no body, only its
   * status.
   */
  static Answer restError(AwsServiceError error, String resource, String requestId, boolean head) {
    byte[] body = new byte[0];
    if (!head) {
      XmlWriter xml =
          new XmlWriter()
              .start("Error")
              .element("Code", error.code())
              .element("Message", error.getMessage());
      error.members().forEach((name, value) -> xml.element(name, value.asText()));
      String text =
          xml.element("Resource", resource).element("RequestId", requestId).end().finish();
      body =
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text).getBytes(StandardCharsets.UTF_8);
    }
    return new Answer(
        error.httpStatus(), "application/xml", body, Map.of("x-amz-request-id", requestId));
  }

  static Answer jsonError(AwsServiceError error, String requestId) {
    return jsonError(error, requestId, new WireProtocol.AwsJson("1.1", "Unknown"));
  }

  static Answer jsonError(AwsServiceError error, String requestId, WireProtocol.AwsJson protocol) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", error.code());
    body.put("message", error.getMessage());
    error.members().forEach(body::set);
    return new Answer(
        error.httpStatus(),
        protocol.contentType(),
        bytes(body),
        Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", error.code()));
  }

  /** {@code namespace} is null when no service could be told (unsigned or unknown service). */
  static Answer xmlError(AwsServiceError error, String namespace, String requestId) {
    XmlWriter writer = new XmlWriter();
    if (namespace == null) {
      writer.start("ErrorResponse");
    } else {
      writer.start("ErrorResponse", namespace);
    }
    String xml =
        writer
            .start("Error")
            .element("Type", error.senderFault() ? "Sender" : "Receiver")
            .element("Code", error.code())
            .element("Message", error.getMessage())
            .end()
            .element("RequestId", requestId)
            .end()
            .finish();
    return new Answer(
        error.httpStatus(),
        "text/xml",
        xml.getBytes(StandardCharsets.UTF_8),
        Map.of("x-amzn-RequestId", requestId));
  }

  static byte[] bytes(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}
