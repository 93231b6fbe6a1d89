package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code studio-lifecycle bench}: one table row per app count, and exit codes 0 and 2. */
class BenchCommandTest {

  private static final String ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toString();

  @Test
  void printsOneRowPerAppCountWithTheFloorAndTheOutcome() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run("bench", "--apps", "1,12", "--slow-app", "PT5M", "--project-root", ROOT);

      assertThat(exit).as(command.err()).isZero();
      String out = command.out();
      assertThat(out)
          .contains("Offboarding, every app deleting in SageMaker's usual time\n")
          .contains("Offboarding, one app (in a space) taking 5m to delete\n")
          .contains("transitions  target")
          .contains("payload");
      // SageMaker's usual times: 2 minutes for an app, 30 seconds for a space and a profile.
      assertThat(out.lines().filter(line -> line.matches("\\s+1\\s+1\\s.*0:03:00\\s.*SUCCEEDED")))
          .hasSize(1);
      assertThat(out.lines().filter(line -> line.matches("\\s+12\\s+1\\s.*0:06:00\\s.*SUCCEEDED")))
          .as("a 5-minute app, its space, the profile")
          .hasSize(1);
    }
  }

  @Test
  void badCountsOrDurationsExitTwo() {
    try (CommandOutput command = new CommandOutput()) {
      assertThat(command.run("bench", "--apps", "0", "--project-root", ROOT)).isEqualTo(2);
      assertThat(command.err()).contains("--apps: every count must be at least 1, got 0");
    }
    try (CommandOutput command = new CommandOutput()) {
      assertThat(command.run("bench", "--slow-app", "9 minutes", "--project-root", ROOT))
          .isEqualTo(2);
      assertThat(command.err()).contains("--slow-app: not an ISO-8601 duration such as PT9M");
    }
  }
}
