package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What a task did: a result or an error, and how much virtual time it took. In-process tasks take
 * no time unless they say otherwise; the interpreter completes the task that much later on the
 * simulation clock, or fails it with States.Timeout at TimeoutSeconds if that comes first.
 */
public sealed interface TaskOutcome {

  /** The virtual time the task took; never negative. */
  Duration duration();

  /** A copy of this outcome that took {@code duration}. */
  TaskOutcome after(Duration duration);

  /** The task's result, before ResultSelector and ResultPath. */
  record Succeeded(JsonNode result, Duration duration) implements TaskOutcome {
    public Succeeded {
      Objects.requireNonNull(result, "result");
      requireNotNegative(duration);
    }

    @Override
    public TaskOutcome after(Duration newDuration) {
      return new Succeeded(result, newDuration);
    }
  }

  /**
   * The task failed with a Step Functions error name (e.g. a Lambda exception's class name) and
   * cause; {@code cause} may be null.
   */
  record Failed(String error, String cause, Duration duration) implements TaskOutcome {
    public Failed {
      Objects.requireNonNull(error, "error");
      requireNotNegative(duration);
    }

    @Override
    public TaskOutcome after(Duration newDuration) {
      return new Failed(error, cause, newDuration);
    }
  }

  /**
   * A .sync task's job has started: {@code response} is the start call's answer (recorded as
   * TaskSubmitted), {@code ended} completes when the job ends (on the scheduler's thread, in
   * simulation time), then {@code result} tells the task's outcome; {@code stop} ends the job
   * early, with a cause, when the task times out or its execution, branch or iteration is aborted.
   */
  record Submitted(
      JsonNode response,
      CompletableFuture<?> ended,
      Supplier<TaskOutcome> result,
      Consumer<String> stop)
      implements TaskOutcome {
    public Submitted {
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(ended, "ended");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(stop, "stop");
    }

    /** A job takes the time it takes: its start is immediate. */
    @Override
    public Duration duration() {
      return Duration.ZERO;
    }

    @Override
    public TaskOutcome after(Duration duration) {
      throw new UnsupportedOperationException("a .sync job's duration is its own");
    }
  }

  /**
   * An optimized integration's service refusal, as Step Functions names it: after the SDK exception
   * ({@code SNS.NotFoundException}, {@code StepFunctions.ExecutionAlreadyExistsException}) with the
   * service's message and where it came from as the cause.
   */
  static TaskOutcome serviceError(
      String errorPrefix, String serviceName, AwsServiceException exception) {
    String code =
        exception.awsErrorDetails() == null ? "Unknown" : exception.awsErrorDetails().errorCode();
    String message =
        exception.awsErrorDetails() == null
            ? exception.getMessage()
            : exception.awsErrorDetails().errorMessage();
    return failed(
        errorPrefix + "." + code + (code.endsWith("Exception") ? "" : "Exception"),
        message
            + " (Service: "
            + serviceName
            + "; Status Code: "
            + exception.statusCode()
            + "; Error Code: "
            + code
            + "; Request ID: "
            + exception.requestId()
            + "; Proxy: null)");
  }

  static TaskOutcome succeeded(JsonNode result) {
    return new Succeeded(result, Duration.ZERO);
  }

  static TaskOutcome failed(String error, String cause) {
    return new Failed(error, cause, Duration.ZERO);
  }

  private static void requireNotNegative(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a task cannot take negative time: " + duration);
    }
  }
}
