package dev.studiolifecycle.local.emulator.fault;

import dev.studiolifecycle.local.emulator.AwsServiceError;

/** The server-side failures a scenario can inject, with the codes and texts AWS answers with. */
public enum InjectedFailure {
  INTERNAL_FAILURE(
      "InternalFailure",
      500,
      "The request processing has failed because of an unknown error, exception or failure."),
  SERVICE_UNAVAILABLE(
      "ServiceUnavailable",
      503,
      "The request has failed due to a temporary failure of the server.");

  private final String code;
  private final int httpStatus;
  private final String message;

  InjectedFailure(String code, int httpStatus, String message) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.message = message;
  }

  public String code() {
    return code;
  }

  public AwsServiceError error() {
    return new AwsServiceError(code, httpStatus, message);
  }

  /** Reads the AWS error code ({@code InternalFailure}, {@code ServiceUnavailable}). */
  public static InjectedFailure fromCode(String code) {
    for (InjectedFailure failure : values()) {
      if (failure.code.equals(code)) {
        return failure;
      }
    }
    throw new IllegalArgumentException(
        "unknown injected failure '" + code + "': expected InternalFailure or ServiceUnavailable");
  }
}
