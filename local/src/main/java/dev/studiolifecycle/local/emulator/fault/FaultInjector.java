package dev.studiolifecycle.local.emulator.fault;

import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Protocol-level faults, decided before an operation runs so that a refused call changes nothing:
 * throttling (token buckets refilled by the simulation clock) and injected 5xx answers, either a
 * number of times or with a probability drawn from a seeded generator.
 */
public final class FaultInjector {

  /** Matches every operation of a service. */
  public static final String ANY_OPERATION = "*";

  private final Clock clock;
  private final Random random;
  private final List<Throttle> throttles = new ArrayList<>();
  private final List<Failure> failures = new ArrayList<>();
  private long throttled;
  private long admitted;

  public FaultInjector(Clock clock, long seed) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = new Random(seed);
  }

  /**
   * Throttles {@code operation} (or {@link #ANY_OPERATION}) of {@code service}: a bucket of {@code
   * burst} calls, refilled at {@code ratePerSecond} calls per second of clock time.
   */
  public synchronized FaultInjector throttle(
      String service, String operation, double ratePerSecond, int burst) {
    throttles.add(
        new Throttle(
            requireName(service, "service"),
            requireName(operation, "operation"),
            new TokenBucket(ratePerSecond, burst, clock.instant())));
    return this;
  }

  /** Answers the next {@code times} calls with {@code failure}. */
  public synchronized FaultInjector failTimes(
      String service, String operation, InjectedFailure failure, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    failures.add(
        new Failure(
            requireName(service, "service"),
            requireName(operation, "operation"),
            Objects.requireNonNull(failure, "failure"),
            times,
            0));
    return this;
  }

  /** Answers each call with {@code failure} with the given probability (seeded, repeatable). */
  public synchronized FaultInjector failWithProbability(
      String service, String operation, InjectedFailure failure, double probability) {
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
    }
    failures.add(
        new Failure(
            requireName(service, "service"),
            requireName(operation, "operation"),
            Objects.requireNonNull(failure, "failure"),
            -1,
            probability));
    return this;
  }

  /** How many calls a throttle has refused so far. */
  public synchronized long throttledCalls() {
    return throttled;
  }

  /** How many calls of a throttled operation were let through so far. */
  public synchronized long admittedCalls() {
    return admitted;
  }

  /** Removes every fault. */
  public synchronized void clear() {
    throttles.clear();
    failures.clear();
  }

  /** The error to answer instead of running {@code operation}, if a fault applies. */
  public synchronized Optional<AwsServiceError> intercept(
      EmulatedService service, String operation) {
    String name = service.signingName();
    List<TokenBucket> buckets = new ArrayList<>();
    for (Throttle throttle : throttles) {
      if (throttle.matches(name, operation)) {
        buckets.add(throttle.bucket());
      }
    }
    if (!buckets.isEmpty()) {
      var now = clock.instant();
      if (!buckets.stream().allMatch(bucket -> bucket.hasToken(now))) {
        throttled++;
        return Optional.of(service.throttlingError());
      }
      buckets.forEach(bucket -> bucket.tryTake(now));
      admitted++;
    }
    for (int i = 0; i < failures.size(); i++) {
      Failure failure = failures.get(i);
      if (!failure.matches(name, operation)) {
        continue;
      }
      if (failure.remaining() > 0) {
        failures.set(i, failure.consumed());
        return Optional.of(failure.failure().error());
      }
      if (failure.remaining() < 0 && random.nextDouble() < failure.probability()) {
        return Optional.of(failure.failure().error());
      }
    }
    return Optional.empty();
  }

  private static String requireName(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  private record Throttle(String service, String operation, TokenBucket bucket) {
    boolean matches(String candidateService, String candidateOperation) {
      return service.equals(candidateService)
          && (ANY_OPERATION.equals(operation) || operation.equals(candidateOperation));
    }
  }

  /** {@code remaining} > 0: fail that many more times; 0: used up; -1: probabilistic. */
  private record Failure(
      String service,
      String operation,
      InjectedFailure failure,
      int remaining,
      double probability) {
    boolean matches(String candidateService, String candidateOperation) {
      return service.equals(candidateService)
          && (ANY_OPERATION.equals(operation) || operation.equals(candidateOperation));
    }

    Failure consumed() {
      return new Failure(service, operation, failure, remaining - 1, probability);
    }
  }
}
