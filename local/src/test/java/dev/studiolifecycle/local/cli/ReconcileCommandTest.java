package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio-lifecycle reconcile}: the plan as a table, and with --apply the plan run. */
class ReconcileCommandTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));

  @TempDir Path dir;

  /** {@code reconcile} of the README's roster, with {@code more} options. */
  private static String[] readmeRoster(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "reconcile",
                "--project-root",
                ROOT.toString(),
                "--roster",
                ROOT.resolve("events/roster/hr-export.csv").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void thePlanOfTheReadmesRosterIsPrintedAsATableWithTheSkippedRow() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(readmeRoster());

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .contains(
              "UNMANAGED  d-studiolocal01    admin-sandbox          not created by studio-lifecycle\n",
              "MOVE       d-studiolocal01    john-roe               team ml-platform -> risk (line 3)\n",
              "LEAVE      d-studiolocal01    kim-lee                INACTIVE on line 4 of the roster\n",
              "JOIN       d-studiolocal01    lee-park               active on line 5, no profile in any"
                  + " served domain\n",
              "Reconcile PLAN: 1 join, 1 move, 1 leave, 0 restore, 1 unmanaged, 1 unchanged; 1 roster"
                  + " rows skipped\n",
              "  skipped line 6: userName: must fully match")
          .doesNotContain("Applied as");
    }
  }

  /** A roster it cannot read: the command says why, from the ReconcilePlanFailed notification. */
  @Test
  void aRosterThatCannotBePlannedIsToldWithTheReasonAndExitsOne() throws Exception {
    Path roster = dir.resolve("hr-export.csv");
    java.nio.file.Files.writeString(
        roster, "userName;email;status\njane-doe;jane.doe@example.com;ACTIVE\n");
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "reconcile", "--project-root", ROOT.toString(), "--roster", roster.toString());

      assertThat(exit).isEqualTo(1);
      assertThat(command.out())
          .contains(
              "Could not plan: dev.studiolifecycle.error.ValidationError: rosterKey:"
                  + " s3://studio-lifecycle-reconcilebucket/roster/hr-export.csv: line 1: the"
                  + " header is separated by semicolons")
          .contains("FAILED in");
    }
  }

  @Test
  void withOutputJsonThePlanIsPartOfTheReconcilesOneDocument() throws Exception {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(readmeRoster("--output", "json"));

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out().lines()).hasSize(1);
      com.fasterxml.jackson.databind.JsonNode document =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(command.out());
      assertThat(document.path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(document.path("plan")).hasSize(5);
      assertThat(document.path("summary").asText()).startsWith("Reconcile PLAN: 1 join, 1 move");
      assertThat(document.path("badRows").get(0).asText()).startsWith("line 6: userName");
      assertThat(document.has("mapRun")).isFalse();
    }
  }

  @Test
  void applyRunsThePlanAndSaysHowEachActionEnded() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "reconcile",
              "--project-root",
              ROOT.toString(),
              "--roster",
              ROOT.resolve("events/roster/hr-export.jsonl").toString(),
              "--apply");

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .contains("Reconcile APPLY: 1 join, 1 move, 1 leave")
          .containsPattern(
              "Applied as arn:aws:states:us-east-1:123456789012:mapRun:"
                  + "studio-lifecycle-Reconcile/apply:[0-9a-f-]+: 3 of 3 actions succeeded, 0 failed")
          .containsPattern("reconcile-hr-export-jsonl SUCCEEDED in ");
    }
  }

  @Test
  void aRosterThatIsNeitherCsvNorJsonLinesIsRefusedWithExitTwo() throws Exception {
    Path roster = Files.writeString(dir.resolve("roster.txt"), "jane-doe");
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "reconcile", "--project-root", ROOT.toString(), "--roster", roster.toString());

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("--roster: ").contains("is not a .csv");
    }
  }
}
