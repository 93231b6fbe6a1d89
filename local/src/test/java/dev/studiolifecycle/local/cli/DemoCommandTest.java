package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio-lifecycle demo}: onboard, work, move teams, offboard, in virtual time. */
class DemoCommandTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));

  @TempDir Path dir;

  @Test
  void onboardsLetsTheUserWorkOffboardsAndPrintsBothExecutionsAndTheNotifications()
      throws IOException {
    Path log = dir.resolve("handlers.log");
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run("demo", "--project-root", ROOT.toString(), "--handler-logs", log.toString());

      assertThat(exit).as(command.err()).isZero();
      String out = command.out();
      assertThat(out)
          .contains(
              "1. Two SageMaker domains (events/scenarios/demo.json)\n",
              "   d-studiolocal01  studio-iam  IAM\n",
              "   d-studiosso001  studio-sso  SSO (IAM Identity Center)\n",
              "   Execution hr-2026-000123  (studio-lifecycle-StudioUserLifecycle)\n",
              "dev.studiolifecycle.error.RoleNotYetAssumable",
              "   SUCCEEDED at +00:00:22 (virtual time)\n",
              "CreateSpace jane-doe-notebooks (Private, JupyterLab)",
              "ListApps: Canvas default on the profile  InService\n",
              "ListApps: CodeEditor default in jane-doe-code  InService\n",
              "ListApps: JupyterLab default in jane-doe-notebooks  InService\n",
              "4. jane-doe moves from team ml-platform to risk (UPDATE)",
              "   Execution hr-2026-000300  (studio-lifecycle-StudioUserLifecycle)\n",
              "\"Updated jane-doe\"  action=UPDATE  outcome=SUCCEEDED\n",
              "\"S3 buckets: ml-team-datasets, ml-team-scratch -> risk-data\"",
              "\"tag team: ml-platform -> risk\"",
              "   Execution hr-2026-000417  (studio-lifecycle-StudioUserLifecycle)\n",
              "   +00:00:00      RevokeAccess\n",
              "   +00:00:00      DeleteUserResources\n",
              "   +00:02:00      AwaitDeletions\n",
              "   +00:03:00      DeleteExecutionRole\n",
              "SNS notifications: 3\n",
              "\"Onboarded jane-doe\"  action=ONBOARD  outcome=SUCCEEDED\n",
              "\"Offboarded jane-doe\"  action=OFFBOARD  outcome=SUCCEEDED\n",
              "\"homeEfsFileSystemUid\": ");
      assertThat(out.lines().filter(line -> line.strip().startsWith("SUCCEEDED at"))).hasSize(3);
      assertThat(out)
          .containsPattern(
              "Done: onboarding SUCCEEDED, offboarding SUCCEEDED; 33 min of virtual time in "
                  + "[0-9.]+ s of wall time\n$");
      assertThat(out).doesNotContain("\"level\"");
    }
    // EMF metrics of the handlers (their log lines go wherever Log4j was first pointed).
    assertThat(Files.readString(log)).contains("\"ProfilesCreated\":1.0", "\"RolesDeleted\":1.0");
  }

  @Test
  void outsideTheProjectRootItSaysWhereToRunFromAndExitsTwo() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run("demo", "--project-root", dir.toString());

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("run this command from the project's root folder");
      assertThat(command.out()).isEmpty();
    }
  }
}
