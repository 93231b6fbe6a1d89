package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One request the emulator answered. {@code operation}, {@code iamAction} and {@code errorCode} are
 * null where they do not apply (no operation could be read; the call succeeded); {@code caller} is
 * null unless the request carried {@link ServiceRequest#CALLER_HEADER}.
 */
public record RecordedCall(
    long sequence,
    Instant time,
    String service,
    String operation,
    String iamAction,
    boolean mutating,
    JsonNode parameters,
    int httpStatus,
    String errorCode,
    String caller,
    String requestId) {

  public boolean succeeded() {
    return httpStatus < 300;
  }

  public Optional<String> error() {
    return Optional.ofNullable(errorCode);
  }

  public Optional<String> callerName() {
    return Optional.ofNullable(caller);
  }
}
