package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code studio-lifecycle demo}: onboard, work, move teams, leave with a retention, and a second
 * person rehired during his, in virtual time.
 */
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
              "   +00:00:00       RevokeAccess\n",
              "   +00:02:00       AwaitRunningApps\n",
              "   +00:02:00       Retain\n",
              "   +168:02:00      DeleteKeptResources\n",
              "   +168:03:00      DeleteExecutionRole\n",
              "6. sam-lee joins, leaves, and is rehired two days into his retention (RESTORE)",
              "   +168:00:00      NotifyOffboardingCancelled\n",
              "   +00:00:00      RestoreAccess\n",
              "7. The nightly reconcile (PLAN, as the schedule starts it)",
              "   LEAVE      d-studiolocal01  sam-lee    INACTIVE on line 3 of the roster\n",
              "   Reconcile PLAN: 0 join, 0 move, 1 leave, 0 restore, 0 unmanaged, 0 unchanged\n",
              "SNS notifications: 9\n",
              "\"studio-lifecycle reconcile planned\"  event=ReconcilePlanned\n",
              "\"Revoked jane-doe: deletion in 7 days\"  action=OFFBOARD  outcome=REVOKED\n",
              "\"Restored sam-lee\"  action=RESTORE  outcome=SUCCEEDED\n",
              "\"Offboarding of sam-lee cancelled\"  action=OFFBOARD",
              "\"Onboarded jane-doe\"  action=ONBOARD  outcome=SUCCEEDED\n",
              "\"Offboarded jane-doe\"  action=OFFBOARD  outcome=SUCCEEDED\n",
              "\"homeEfsFileSystemUid\": ");
      assertThat(out.lines().filter(line -> line.strip().startsWith("SUCCEEDED at"))).hasSize(6);
      // The nightly reconcile is started by the template's schedule, as its role, under a name of
      // Scheduler's making: the plan lies under that execution's name.
      assertThat(out)
          .containsPattern(
              "the plan is in s3://studio-lifecycle-reconcilebucket/plans/[0-9a-f]{8}-[0-9a-f-]{27}"
                  + "/plan\\.json\n");
      assertThat(out)
          .containsPattern(
              "Done: 7 executions, 7 SUCCEEDED; 14 days 0 h 34 min of virtual time in "
                  + "[0-9.]+ s of wall time\n$");
      assertThat(out).doesNotContain("\"level\"");
    }
    // EMF metrics of the handlers (their log lines go wherever Log4j was first pointed).
    assertThat(Files.readString(log))
        .contains("\"ProfilesCreated\":1.0", "\"RolesDeleted\":1.0")
        .containsPattern("\"SecondsToRevoke\":[0-9]+\\.[0-9]+");
  }

  @Test
  void theReadmesDemoExcerptIsWhatTheDemoPrints() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## What the demo shows"));
    int start = section.indexOf("```text\n") + "```text\n".length();
    String excerpt = section.substring(start, section.indexOf("```", start));
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run("demo", "--project-root", ROOT.toString());

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .as("README.md's excerpt of the demo; copy it again from a fresh run")
          .contains(excerpt);
    }
  }

  @Test
  void withOutputJsonTheDemoPrintsOnlyADocumentPerExecution() throws IOException {
    try (CommandOutput command = new CommandOutput()) {
      Path page = dir.resolve("demo.html");
      int exit =
          command.run(
              "demo",
              "--project-root",
              ROOT.toString(),
              "--output",
              "json",
              "--timeline",
              page.toString());

      assertThat(exit).as(command.err()).isZero();
      List<String> lines = command.out().lines().toList();
      assertThat(lines).hasSize(7);
      ObjectMapper json = new ObjectMapper();
      for (String line : lines) {
        JsonNode document = json.readTree(line);
        assertThat(document.path("status").asText()).as(line).isEqualTo("SUCCEEDED");
        assertThat(document.path("path")).isNotEmpty();
      }
      assertThat(Files.readString(page))
          .as("one picture per execution; the retention is a wait")
          .contains("<g class=\"state wait\" data-state=\"Retain\">")
          .satisfies(text -> assertThat(text.split("<svg ", -1)).hasSize(8));
    }
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
