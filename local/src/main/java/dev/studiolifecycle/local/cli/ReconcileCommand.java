package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.MapRun;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.runtime.ReconcileRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code studio-lifecycle reconcile}: the template's reconcile state machine on an HR roster, in
 * virtual time: the plan as a table, and with {@code --apply} the plan run and its figures.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reconcile the served domains with an HR roster (a .csv with a header, or .jsonl; README,"
          + " \"Reconcile with the HR roster\"): upload it to the reconcile bucket, run the"
          + " reconcile state machine against the embedded AWS emulator in virtual time, and print"
          + " the plan (joiners, movers, leavers, restores, profiles it does not manage, unchanged)"
          + " with the rows it skipped. With --apply it also runs the plan, each action a"
          + " lifecycle execution in a Map Run, and prints the items' outcome.",
      "A line on stderr tells the progress of a run that lasts more than a second: items done,"
          + " running, failed and pending, and the calls throttled so far.",
      "Run it from the project's root folder. Exit 0 when the reconcile succeeded, 1 when it"
          + " failed (the guard refused the plan, or more actions failed than tolerated), 2 for"
          + " bad input or usage."
    },
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle reconcile --roster events/roster/hr-export.csv",
      "  studio-lifecycle reconcile --roster events/roster/hr-export.csv --apply \\",
      "      --scenario events/scenarios/reconcile-nightly.json --parameter ReconcileMaxConcurrency=5"
    })
public final class ReconcileCommand extends ScenarioCommand {

  static final Path DEFAULT_SCENARIO = Path.of("events", "scenarios", "reconcile-nightly.json");

  @Option(
      names = "--roster",
      required = true,
      paramLabel = "<file>",
      description = "The HR roster: a .csv file with a header, or a .jsonl file")
  Path roster;

  @Option(names = "--apply", description = "Run the plan, not only make it")
  boolean apply;

  @Option(
      names = "--allow-large-offboarding",
      description = "Let this run offboard more of a domain than ReconcileMaxOffboardPercent")
  boolean allowLargeOffboarding;

  @Mixin ProjectOptions project;

  @Mixin OutputOption output;

  public ReconcileCommand() {
    super("reconcile: ");
  }

  @Override
  int run(PrintWriter out, PrintWriter err) {
    boolean json = output.json();
    Path root = project.checkedRoot();
    byte[] bytes = read(roster);
    Path scenarioFile = scenarios.resolve(root, DEFAULT_SCENARIO);
    Scenario scenario = ScenarioLoader.load(scenarioFile);
    try (HandlerLogs logs = HandlerLogs.open(project.handlerLogs)) {
      LocalWorkflowRuntime.Builder builder = scenarios.runtime(root, scenario, project);
      try (LocalWorkflowRuntime runtime = logs.start(builder)) {
        String key = ReconcileRun.upload(runtime, roster.getFileName().toString(), bytes);
        JsonNode input = ReconcileRun.input(apply ? "APPLY" : "PLAN", key, allowLargeOffboarding);
        ReconcileRun.Result result =
            logs.divert(
                () ->
                    ReconcileRun.run(
                        runtime,
                        "reconcile-"
                            + roster.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "-"),
                        input,
                        progress -> progress(err, progress)));
        if (json) {
          out.println(document(runtime, result));
        } else {
          report(out, scenarioFile, key, result);
        }
        return result.execution().status() == ExecutionStatus.SUCCEEDED ? OK : FAILED;
      }
    }
  }

  /**
   * {@code --output json}: the reconcile execution's document, with its plan (each action), the
   * plan's summary, the rows skipped, the refusals and, when it applied, the Map Run's counts.
   */
  private static ObjectNode document(LocalWorkflowRuntime runtime, ReconcileRun.Result result) {
    ObjectNode doc =
        ExecutionReport.of(result.execution(), runtime.notifications())
            .pricedWith(runtime.template())
            .toJson();
    JsonNode planned = result.planned();
    if (planned != null) {
      result.plan().forEach(doc.putArray("plan")::add);
      doc.put("summary", planned.path("summary").asText());
      doc.set("badRows", planned.path("badRows"));
      doc.set("badRowCount", planned.path("badRowCount"));
      doc.set("refusals", planned.path("refusals"));
    }
    ReconcileRun.planFailure(result).ifPresent(failure -> doc.put("planFailure", failure));
    result
        .mapRun()
        .ifPresent(
            mapRun -> {
              MapRun.Counts items = mapRun.itemCounts();
              doc.putObject("mapRun")
                  .put("mapRunArn", mapRun.mapRunArn())
                  .put("total", items.total())
                  .put("succeeded", items.succeeded())
                  .put("failed", items.failed() + items.timedOut())
                  .put("aborted", items.aborted())
                  .put("pending", items.pending())
                  .put("throttledCallsRetried", result.throttled());
            });
    return doc;
  }

  private static byte[] read(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (!name.endsWith(".csv") && !name.endsWith(".jsonl") && !name.endsWith(".json")) {
      throw new BadInput(
          "--roster: " + file + " is not a .csv (with a header) or .jsonl (JSON lines) file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInput("--roster: " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInput("--roster: " + file + ": cannot read it: " + e.getMessage());
    }
  }

  private static void progress(PrintWriter err, ReconcileRun.Progress progress) {
    err.printf(
        "reconcile: %s virtual: %d done, %d running, %d failed, %d pending; %d throttled calls"
            + " retried%n",
        ExecutionReport.offset(progress.virtual()),
        progress.succeeded(),
        progress.running(),
        progress.failed(),
        progress.pending(),
        progress.throttled());
    err.flush();
  }

  private static void report(
      PrintWriter out, Path scenario, String key, ReconcileRun.Result result) {
    out.println("Reconcile of " + key + " against " + scenario);
    JsonNode planned = result.planned();
    if (planned != null) {
      out.println();
      out.printf("%-10s %-18s %-22s %s%n", "ACTION", "DOMAIN", "PROFILE", "WHY");
      for (JsonNode item : result.plan()) {
        out.printf(
            "%-10s %-18s %-22s %s%n",
            item.path("kind").asText(),
            item.path("domainId").asText(),
            item.path("userProfileName").asText(),
            item.path("reason").asText());
      }
      out.println();
      out.println(planned.path("summary").asText());
      JsonNode badRows = planned.path("badRows");
      for (JsonNode row : badRows) {
        out.println("  skipped " + row.asText());
      }
      int unlisted = planned.path("badRowCount").asInt() - badRows.size();
      if (unlisted > 0) {
        out.println(
            "  ... and "
                + unlisted
                + " more skipped rows: all of them in s3://"
                + planned.at("/roster/bucket").asText()
                + "/"
                + planned.path("badRowsKey").asText());
      }
      for (JsonNode refusal : planned.path("refusals")) {
        out.println("  refused " + refusal.asText());
      }
    }
    ReconcileRun.planFailure(result)
        .ifPresent(
            failure -> {
              out.println();
              out.println("Could not plan: " + failure);
            });
    result.mapRun().ifPresent(mapRun -> mapRunReport(out, mapRun, result));
    out.println();
    out.printf(
        "%s %s in %s of virtual time (%.1f s of wall time)%s%n",
        result.execution().name(),
        result.execution().status(),
        ExecutionReport.offset(result.virtual()),
        result.wall().toMillis() / 1000.0,
        result.execution().error().map(error -> ": " + error).orElse(""));
  }

  private static void mapRunReport(PrintWriter out, MapRun mapRun, ReconcileRun.Result result) {
    MapRun.Counts items = mapRun.itemCounts();
    out.println();
    out.printf(
        "Applied as %s: %d of %d actions succeeded, %d failed, %d aborted, %d never started;"
            + " %d throttled calls retried%n",
        mapRun.mapRunArn(),
        items.succeeded(),
        items.total(),
        items.failed() + items.timedOut(),
        items.aborted(),
        items.pending(),
        result.throttled());
  }
}
