package dev.studiolifecycle.service;

/**
 * Asked before an onboarding gives back access that an offboarding took (the deny on the role, the
 * disabled Studio, the mark): it may only while that offboarding waits out its retention, or when
 * none runs. Otherwise it throws {@code CheckAgainIn30Seconds}, and the step waits for the
 * offboarding to end, which then leaves nothing to give back.
 */
@FunctionalInterface
public interface OffboardingGuard {

  /** No offboarding is ever waited for (a step invoked without Step Functions, tests). */
  OffboardingGuard NONE = (executionArn, domainId, user) -> {};

  /**
   * @param executionArn the onboarding's own execution (null: invoked directly, nothing to ask)
   * @throws dev.studiolifecycle.error.CheckAgainIn30Seconds while an offboarding of the person
   *     deletes
   */
  void beforeGivingBack(String executionArn, String domainId, String user);

  /** The guard that asks the lifecycle state machine's running executions. */
  static OffboardingGuard of(RunningLifecycles lifecycles) {
    return (executionArn, domainId, user) -> {
      if (executionArn != null) {
        lifecycles.awaitOffboardingUnlessRetained(executionArn, domainId, user, "onboarding");
      }
    };
  }
}
