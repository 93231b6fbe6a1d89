package dev.studiolifecycle.local.emulator;

import java.util.Objects;

/**
 * An error answer of an emulated service: the AWS error code, its HTTP status and message. The wire
 * layer renders it in the service's protocol, so SDKs map it to their modeled exceptions.
 */
public final class AwsServiceError extends RuntimeException {

  private final String code;
  private final int httpStatus;

  public AwsServiceError(String code, int httpStatus, String message) {
    super(message, null, false, false);
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
