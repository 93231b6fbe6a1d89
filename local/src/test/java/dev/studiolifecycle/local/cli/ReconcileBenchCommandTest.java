package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code studio-lifecycle reconcile-bench}: its table for a small fleet, and bad usage. */
class ReconcileBenchCommandTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));

  @Test
  void aSmallFleetIsAppliedUnderTheThrottleWithoutAFailureAndAPlanIsTimed() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "reconcile-bench",
              "--project-root",
              ROOT.toString(),
              "--joiners",
              "8",
              "--rate",
              "1",
              "--max-concurrency",
              "4",
              "--plan-profiles",
              "50");

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .contains("CreateUserProfile limited to 1.00 calls/s, MaxConcurrency 4")
          .containsPattern("\\n +8 SUCCEEDED +0 +[0-9]+ +[0-9.]+ +[0-9.]+% +\\+[0-9:.]+ ")
          .containsPattern(
              "Plan of a domain of 50 managed profiles: SUCCEEDED, 50 plan items, [0-9.]+ s of wall"
                  + " time");
    }
  }

  @Test
  void aRateOfZeroIsBadUsage() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run("reconcile-bench", "--project-root", ROOT.toString(), "--rate", "0");

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("--rate: must be more than 0");
    }
  }
}
