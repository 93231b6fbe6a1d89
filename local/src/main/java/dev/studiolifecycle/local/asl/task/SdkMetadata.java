package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} members that Step Functions adds to
 * an optimised integration's result (it calls services with the AWS SDK for Java 1.x, whose
 * response metadata these are).
 */
final class SdkMetadata {

  private SdkMetadata() {}

  /** Adds both members to {@code result}; {@code headers} keep their order in HttpHeaders. */
  static void addTo(
      ObjectNode result, Map<String, String> headers, int statusCode, String requestId) {
    ObjectNode http = result.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sorted.putAll(headers);
    sorted.forEach((name, value) -> all.putArray(name).add(value));
    ObjectNode single = http.putObject("HttpHeaders");
    sorted.forEach(single::put);
    http.put("HttpStatusCode", statusCode);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
  }

  static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
