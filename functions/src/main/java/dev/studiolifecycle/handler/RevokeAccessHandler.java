package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.model.AccessRevocation;
import dev.studiolifecycle.model.RevokeAccessInput;
import dev.studiolifecycle.observability.OutcomeMetric;
import dev.studiolifecycle.service.AccessRevoker;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * RevokeAccess: an offboarding's first step, cuts the user's access (see {@link AccessRevoker}).
 */
public final class RevokeAccessHandler
    extends RequestStepHandler<AccessRevoker, RevokeAccessInput, AccessRevocation> {

  /** Called by Lambda. */
  public RevokeAccessHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public RevokeAccessHandler(Map<String, String> environment) {
    this(AccessRevoker.of(FunctionEnvironment.of(environment)));
  }

  /** For tests: a ready service. */
  public RevokeAccessHandler(AccessRevoker service) {
    super("RevokeAccess", service);
  }

  /**
   * EMF metric: seconds from the offboarding's start to access cut (the RevokeAccess state's entry
   * less the execution's start, plus this invocation's own time). Waits between retries of the
   * state are not in it: the state's entry time stays that of its first attempt.
   */
  public static final String SECONDS_TO_REVOKE = "SecondsToRevoke";

  @Override
  protected AccessRevocation work(RevokeAccessInput input, Context context) {
    long began = System.nanoTime();
    AccessRevocation result = service.revoke(input);
    if (result.executionRoleDenied() || result.studioDisabled()) {
      invocation.metrics().count(OutcomeMetric.ACCESS_REVOKED);
      secondsToRevoke(input, Duration.ofNanos(System.nanoTime() - began))
          .ifPresent(seconds -> invocation.metrics().seconds(SECONDS_TO_REVOKE, seconds));
    }
    return result;
  }

  /** Empty when the input lacks either time or a time is not ISO 8601. */
  static Optional<Double> secondsToRevoke(RevokeAccessInput input, Duration ownTime) {
    if (input.executionStartedAt() == null || input.stateEnteredAt() == null) {
      return Optional.empty();
    }
    try {
      Duration before =
          Duration.between(
              Instant.parse(input.executionStartedAt()), Instant.parse(input.stateEnteredAt()));
      return Optional.of(before.plus(ownTime).toMillis() / 1000.0);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
