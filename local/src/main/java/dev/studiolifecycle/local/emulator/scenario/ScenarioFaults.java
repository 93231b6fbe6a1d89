package dev.studiolifecycle.local.emulator.scenario;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.sagemaker.AppBehaviour;
import dev.studiolifecycle.local.emulator.sagemaker.AppSelector;

/**
 * A scenario's faults installed in the emulator: throttling, injected failures, apps that
 * misbehave, profiles whose deletion fails.
 */
final class ScenarioFaults {

  private ScenarioFaults() {}

  static void applyFaults(Scenario.Faults faults, AwsEmulator emulator, ScenarioPath at) {
    at.each(
        "throttling",
        faults.throttling(),
        (throttle, here) -> {
          ScenarioPath.required(throttle.service(), here.field("service"));
          ScenarioPath.required(throttle.ratePerSecond(), here.field("ratePerSecond"));
          ScenarioPath.required(throttle.burst(), here.field("burst"));
          requireService(emulator, throttle.service(), here.field("service"));
          here.run(
              () ->
                  emulator
                      .faults()
                      .throttle(
                          throttle.service(),
                          throttle.operation() == null ? "*" : throttle.operation(),
                          throttle.ratePerSecond(),
                          throttle.burst()));
        });
    at.each("failures", faults.failures(), (failure, here) -> fail(failure, emulator, here));
    at.each(
        "apps",
        faults.apps(),
        (fault, here) -> {
          Scenario.AppMatch match =
              fault.match() == null
                  ? new Scenario.AppMatch(null, null, null, null, null)
                  : fault.match();
          AppSelector selector =
              new AppSelector(
                  match.domainId(),
                  match.userProfileName(),
                  match.spaceName(),
                  match.appType(),
                  match.appName());
          // Checked now, so that a mistake is reported when the scenario loads, not on first use.
          adjust(AppBehaviour.defaults(emulator.sageMaker().timings()), fault, here);
          emulator.sageMaker().adjustApps(selector, behaviour -> adjust(behaviour, fault, here));
        });
    for (Scenario.UserProfileDeletionFault fault :
        ScenarioPath.list(faults.userProfileDeletions())) {
      emulator.sageMaker().failUserProfileDeletion(fault.domainId(), fault.userProfileName());
    }
  }

  private static void fail(Scenario.Failure failure, AwsEmulator emulator, ScenarioPath here) {
    ScenarioPath.required(failure.service(), here.field("service"));
    ScenarioPath.required(failure.error(), here.field("error"));
    requireService(emulator, failure.service(), here.field("service"));
    InjectedFailure error =
        here.field("error").call(() -> InjectedFailure.fromCode(failure.error()));
    String operation = failure.operation() == null ? "*" : failure.operation();
    if ((failure.times() == null) == (failure.probability() == null)) {
      throw here.error("give exactly one of 'times' and 'probability'");
    }
    if (failure.times() != null) {
      here.field("times")
          .run(
              () ->
                  emulator
                      .faults()
                      .failTimes(failure.service(), operation, error, failure.times()));
    } else {
      here.field("probability")
          .run(
              () ->
                  emulator
                      .faults()
                      .failWithProbability(
                          failure.service(), operation, error, failure.probability()));
    }
  }

  static AppBehaviour adjust(
      AppBehaviour behaviour, Scenario.AppBehaviourChanges changes, ScenarioPath at) {
    AppBehaviour result = behaviour;
    if (changes.startDuration() != null) {
      result =
          result.withStartDuration(
              ScenarioPath.duration(changes.startDuration(), at.field("startDuration")));
    }
    if (changes.deleteDuration() != null) {
      result =
          result.withDeleteDuration(
              ScenarioPath.duration(changes.deleteDuration(), at.field("deleteDuration")));
    }
    if (Boolean.TRUE.equals(changes.failOnCreate())) {
      result = result.failingOnCreate();
    }
    String onDelete = changes.onDelete();
    if (onDelete != null) {
      result =
          result.withOnDelete(
              switch (onDelete) {
                case "Deleted" -> AppBehaviour.DeleteOutcome.DELETED;
                case "Failed" -> AppBehaviour.DeleteOutcome.FAILED;
                case "StuckDeleting" -> AppBehaviour.DeleteOutcome.STUCK_DELETING;
                default ->
                    throw at.field("onDelete")
                        .error("'" + onDelete + "' is not one of Deleted, Failed, StuckDeleting");
              });
    }
    if (changes.failureReason() != null) {
      result = result.withFailureReason(changes.failureReason());
    }
    return result;
  }

  static void requireService(AwsEmulator emulator, String service, ScenarioPath at) {
    if (!emulator.serviceNames().contains(service)) {
      throw at.error(
          "unknown service '" + service + "'; the emulator serves " + emulator.serviceNames());
    }
  }
}
