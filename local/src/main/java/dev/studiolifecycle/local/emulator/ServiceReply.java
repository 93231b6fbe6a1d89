package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** A successful answer, in the shape of the service's protocol. */
public sealed interface ServiceReply
    permits ServiceReply.Json, ServiceReply.Xml, ServiceReply.Rest {

  /** The JSON output body of a JSON-protocol operation. */
  record Json(JsonNode body) implements ServiceReply {
    public Json {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The children of {@code <OperationResult>} for a query-protocol operation; a null writer means
   * the operation has no result element (the response carries only its metadata).
   */
  record Xml(Consumer<XmlWriter> result) implements ServiceReply {}

  /**
   * A restXml answer: its status, its headers (an object's ETag, Content-Length, ...) and its body
   * (empty for none; a HEAD's is never sent).
   */
  record Rest(int status, Map<String, String> headers, byte[] body, String contentType)
      implements ServiceReply {
    public Rest {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }

  static ServiceReply json(JsonNode body) {
    return new Json(body);
  }

  /** An output of one string member, such as the ARN of what a Create or Update call made. */
  static ServiceReply json(String member, String value) {
    return new Json(JsonNodeFactory.instance.objectNode().put(member, value));
  }

  /** An operation with no output members: {@code {}}. */
  static ServiceReply emptyJson() {
    return new Json(JsonNodeFactory.instance.objectNode());
  }

  static ServiceReply xml(Consumer<XmlWriter> result) {
    return new Xml(Objects.requireNonNull(result, "result"));
  }

  static ServiceReply noResult() {
    return new Xml(null);
  }
}
