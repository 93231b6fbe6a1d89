package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded call to an operation. {@code input} is the JSON body (JSON protocols) or the form
 * parameters as a flat object of strings without {@code Action} and {@code Version} (query). {@code
 * caller} is the value of the {@value #CALLER_HEADER} header, or null.
 */
public record ServiceRequest(
    String service,
    String operation,
    JsonNode input,
    String requestId,
    Instant time,
    String caller) {

  /** The header that the local runtime may set to say which function made a call. */
  public static final String CALLER_HEADER = "X-Studio-Lifecycle-Caller";

  public ServiceRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
  }

  public Optional<String> callerName() {
    return Optional.ofNullable(caller);
  }
}
