package dev.studiolifecycle.local.emulator.sagemaker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How long SageMaker takes for each asynchronous change, in clock time. The defaults are close to
 * what the real service takes; the per-app start and delete durations can be overridden.
 *
 * @param deletedAppRetention how long ListApps and DescribeApp keep showing an app as Deleted
 */
public record SageMakerTimings(
    Duration domainReady,
    Duration userProfileReady,
    Duration userProfileUpdate,
    Duration userProfileDelete,
    Duration appStart,
    Duration appDelete,
    Duration deletedAppRetention,
    Duration spaceReady,
    Duration spaceDelete) {

  public SageMakerTimings {
    check(domainReady, "domainReady");
    check(userProfileReady, "userProfileReady");
    check(userProfileUpdate, "userProfileUpdate");
    check(userProfileDelete, "userProfileDelete");
    check(appStart, "appStart");
    check(appDelete, "appDelete");
    check(deletedAppRetention, "deletedAppRetention");
    check(spaceReady, "spaceReady");
    check(spaceDelete, "spaceDelete");
  }

  /** Domains ready at once (they are seeded), the rest as SageMaker usually takes. */
  public static SageMakerTimings defaults() {
    return new SageMakerTimings(
        Duration.ZERO,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(3),
        Duration.ofMinutes(2),
        Duration.ofHours(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  public SageMakerTimings withDomainReady(Duration value) {
    return edit(draft -> draft.domainReady = value);
  }

  public SageMakerTimings withUserProfileReady(Duration value) {
    return edit(draft -> draft.userProfileReady = value);
  }

  public SageMakerTimings withUserProfileUpdate(Duration value) {
    return edit(draft -> draft.userProfileUpdate = value);
  }

  public SageMakerTimings withUserProfileDelete(Duration value) {
    return edit(draft -> draft.userProfileDelete = value);
  }

  public SageMakerTimings withAppStart(Duration value) {
    return edit(draft -> draft.appStart = value);
  }

  public SageMakerTimings withAppDelete(Duration value) {
    return edit(draft -> draft.appDelete = value);
  }

  public SageMakerTimings withDeletedAppRetention(Duration value) {
    return edit(draft -> draft.deletedAppRetention = value);
  }

  public SageMakerTimings withSpaceReady(Duration value) {
    return edit(draft -> draft.spaceReady = value);
  }

  public SageMakerTimings withSpaceDelete(Duration value) {
    return edit(draft -> draft.spaceDelete = value);
  }

  private SageMakerTimings edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.timings();
  }

  /** The nine durations as variables, so that each {@code with} method names only its own. */
  private static final class Draft {
    private Duration domainReady;
    private Duration userProfileReady;
    private Duration userProfileUpdate;
    private Duration userProfileDelete;
    private Duration appStart;
    private Duration appDelete;
    private Duration deletedAppRetention;
    private Duration spaceReady;
    private Duration spaceDelete;

    private Draft(SageMakerTimings from) {
      domainReady = from.domainReady;
      userProfileReady = from.userProfileReady;
      userProfileUpdate = from.userProfileUpdate;
      userProfileDelete = from.userProfileDelete;
      appStart = from.appStart;
      appDelete = from.appDelete;
      deletedAppRetention = from.deletedAppRetention;
      spaceReady = from.spaceReady;
      spaceDelete = from.spaceDelete;
    }

    private SageMakerTimings timings() {
      return new SageMakerTimings(
          domainReady,
          userProfileReady,
          userProfileUpdate,
          userProfileDelete,
          appStart,
          appDelete,
          deletedAppRetention,
          spaceReady,
          spaceDelete);
    }
  }

  private static void check(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + duration);
    }
  }
}
