package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error answer of an emulated service: the AWS error code, its HTTP status and message. The wire
 * layer renders it in the service's protocol, so SDKs map it to their modeled exceptions.
 */
public final class AwsServiceError extends RuntimeException {

  private final String code;
  private final int httpStatus;
  private final Map<String, JsonNode> members;

  public AwsServiceError(String code, int httpStatus, String message) {
    this(code, httpStatus, message, Map.of());
  }

  private AwsServiceError(
      String code, int httpStatus, String message, Map<String, JsonNode> members) {
    super(message, null, false, false);
    this.members = Map.copyOf(members);
    this.code = Objects.requireNonNull(code, "code");
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("an error needs a 4xx or 5xx status, got " + httpStatus);
    }
    this.httpStatus = httpStatus;
  }

  /** A client error answered with HTTP 400. */
  public static AwsServiceError badRequest(String code, String message) {
    return new AwsServiceError(code, 400, message);
  }

  /**
   * The same error with one more member of a JSON protocol's error body, as an API reference models
   * it (DynamoDB's ConditionalCheckFailedException carries the {@code Item}).
   */
  public AwsServiceError withMember(String name, JsonNode value) {
    Map<String, JsonNode> more = new LinkedHashMap<>(members);
    more.put(name, value);
    return new AwsServiceError(code, httpStatus, getMessage(), more);
  }

  /** Members of the error body beside the type and message. */
  public Map<String, JsonNode> members() {
    return members;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the caller is at fault (query protocol {@code <Type>Sender</Type>}). */
  public boolean senderFault() {
    return httpStatus < 500;
  }
}
