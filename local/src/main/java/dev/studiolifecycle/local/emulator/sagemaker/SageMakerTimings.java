package dev.studiolifecycle.local.emulator.sagemaker;

import java.time.Duration;
import java.util.Objects;

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
    return new SageMakerTimings(
        value,
        userProfileReady,
        userProfileUpdate,
        userProfileDelete,
        appStart,
        appDelete,
        deletedAppRetention,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withUserProfileReady(Duration value) {
    return new SageMakerTimings(
        domainReady,
        value,
        userProfileUpdate,
        userProfileDelete,
        appStart,
        appDelete,
        deletedAppRetention,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withUserProfileUpdate(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        value,
        userProfileDelete,
        appStart,
        appDelete,
        deletedAppRetention,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withUserProfileDelete(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        userProfileUpdate,
        value,
        appStart,
        appDelete,
        deletedAppRetention,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withAppStart(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        userProfileUpdate,
        userProfileDelete,
        value,
        appDelete,
        deletedAppRetention,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withAppDelete(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        userProfileUpdate,
        userProfileDelete,
        appStart,
        value,
        deletedAppRetention,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withDeletedAppRetention(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        userProfileUpdate,
        userProfileDelete,
        appStart,
        appDelete,
        value,
        spaceReady,
        spaceDelete);
  }

  public SageMakerTimings withSpaceReady(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        userProfileUpdate,
        userProfileDelete,
        appStart,
        appDelete,
        deletedAppRetention,
        value,
        spaceDelete);
  }

  public SageMakerTimings withSpaceDelete(Duration value) {
    return new SageMakerTimings(
        domainReady,
        userProfileReady,
        userProfileUpdate,
        userProfileDelete,
        appStart,
        appDelete,
        deletedAppRetention,
        spaceReady,
        value);
  }

  private static void check(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + duration);
    }
  }
}
