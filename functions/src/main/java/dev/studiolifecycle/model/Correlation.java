package dev.studiolifecycle.model;

/**
 * Ties every step's logs to one request: {@code requestId} is the idempotency key (the HR event id)
 * and the logs' correlation id; {@code executionArn} is the Step Functions execution, when there is
 * one.
 */
public record Correlation(String requestId, String executionArn) {

  /** The correlation's request id, or {@code fallback} when there is no correlation or id. */
  public static String requestIdOr(Correlation correlation, String fallback) {
    return correlation != null && correlation.requestId() != null
        ? correlation.requestId()
        : fallback;
  }
}
