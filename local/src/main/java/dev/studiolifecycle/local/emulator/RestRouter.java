package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** Tells which operation a restXml request calls, and reads its input. */
@FunctionalInterface
public interface RestRouter {

  /**
   * One HTTP request as it arrived: {@code headers} by lower-case name, {@code region} from the
   * SigV4 credential scope.
   */
  record RestCall(
      String method,
      String host,
      String rawPath,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body,
      String region) {
    public RestCall {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(rawPath, "rawPath");
      query = Map.copyOf(query);
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The operation called, its input (what the operation reads), what the request log keeps of it
   * (the input without the body's bytes), and the resource an error names.
   */
  record Routed(String operation, JsonNode input, JsonNode logged, String resource) {}

  /**
   * @throws AwsServiceError when the request calls no operation the service implements
   */
  Routed route(RestCall call);
}
