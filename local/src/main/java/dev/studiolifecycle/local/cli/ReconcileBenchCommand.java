package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.ReconcileBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code studio-lifecycle reconcile-bench}: the reconcile at fleet scale, each case in a fresh
 * runtime, in virtual time.
 */
@Command(
    name = "reconcile-bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Apply N joiners through the reconcile (one lifecycle execution each, in a Map Run) against"
          + " an emulator that lets SageMaker's CreateUserProfile through at --rate calls a second,"
          + " and print per N: the items that did not succeed, the calls throttled and retried,"
          + " the rate the profiles were created at against the limit, the virtual makespan, wall"
          + " time and peak heap. Then plan a domain of --plan-profiles managed profiles against a"
          + " roster listing each: wall time and peak heap.",
      "Run it from the project's root folder. Exit 0 when no item failed and every plan succeeded,"
          + " 1 otherwise, 2 for bad usage."
    },
    footer = {
      "",
      "Example:",
      "  java -jar local/target/studio-lifecycle-local.jar reconcile-bench --joiners 100,1000"
          + " --rate 2"
    })
public final class ReconcileBenchCommand extends CliCommand {

  @Option(
      names = "--joiners",
      split = ",",
      paramLabel = "<N>",
      description = "How many joiners each case applies (default: ${DEFAULT-VALUE})",
      defaultValue = "100,1000")
  List<Integer> joiners;

  @Option(
      names = "--rate",
      paramLabel = "<calls/s>",
      description =
          "CreateUserProfile calls a second the emulator lets through (default: ${DEFAULT-VALUE})",
      defaultValue = "2")
  double rate;

  @Option(
      names = "--max-concurrency",
      paramLabel = "<N>",
      description =
          "ReconcileMaxConcurrency: lifecycle executions at once (default: ${DEFAULT-VALUE})",
      defaultValue = "20")
  int maxConcurrency;

  @Option(
      names = "--plan-profiles",
      paramLabel = "<N>",
      description =
          "Profiles of the domain the plan case reads; 0 for none (default: ${DEFAULT-VALUE})",
      defaultValue = "10000")
  int planProfiles;

  @Mixin ProjectOptions.ProjectRootOption root;

  public ReconcileBenchCommand() {
    super("reconcile-bench: ");
  }

  @Override
  int run(PrintWriter out, PrintWriter err) {
    Path projectRoot = root.checked();
    if (rate <= 0) {
      throw new BadInput("--rate: must be more than 0, got " + rate);
    }
    if (maxConcurrency < 1 || maxConcurrency > 1000) {
      throw new BadInput("--max-concurrency: must be from 1 to 1000, got " + maxConcurrency);
    }
    for (int n : joiners) {
      if (n < 1) {
        throw new BadInput("--joiners: every count must be at least 1, got " + n);
      }
    }
    boolean ok = true;
    out.printf(
        Locale.ROOT,
        "Joiners applied through the reconcile, CreateUserProfile limited to %.2f calls/s,"
            + " MaxConcurrency %d%n",
        rate,
        maxConcurrency);
    out.printf(
        Locale.ROOT,
        "%8s %-10s %8s %10s %10s %8s %14s %9s %10s%n",
        "joiners",
        "outcome",
        "failed",
        "throttled",
        "rate/s",
        "of limit",
        "makespan",
        "wall s",
        "peak MiB");
    out.flush();
    for (int n : joiners) {
      ok &= joinersRow(projectRoot, n, out, err);
    }
    if (planProfiles > 0) {
      ReconcileBenchmark.PlanResult plan =
          quietly(() -> ReconcileBenchmark.plan(projectRoot, planProfiles));
      ok &= plan.outcome().equals("SUCCEEDED");
      out.println();
      out.printf(
          Locale.ROOT,
          "Plan of a domain of %d managed profiles: %s, %d plan items, %.1f s of wall time,"
              + " peak heap %.1f MiB%n",
          plan.profiles(),
          plan.outcome(),
          plan.planItems(),
          plan.wall().toMillis() / 1000.0,
          plan.peakHeapBytes() / 1048576.0);
    }
    return ok ? OK : FAILED;
  }

  /** Applies {@code n} joiners and prints their row; whether every item succeeded. */
  private boolean joinersRow(Path projectRoot, int n, PrintWriter out, PrintWriter err) {
    ReconcileBenchmark.ApplyResult result =
        quietly(
            () ->
                ReconcileBenchmark.joiners(
                    projectRoot,
                    n,
                    rate,
                    maxConcurrency,
                    progress ->
                        err.printf(
                            "reconcile-bench: %d joiners, %s virtual: %d done, %d running, %d failed,"
                                + " %d pending; %d throttled%n",
                            n,
                            ExecutionReport.offset(progress.virtual()),
                            progress.succeeded(),
                            progress.running(),
                            progress.failed(),
                            progress.pending(),
                            progress.throttled())));
    err.flush();
    out.printf(
        Locale.ROOT,
        "%8d %-10s %8d %10d %10.3f %7.1f%% %14s %9.1f %10.1f%n",
        result.joiners(),
        result.outcome(),
        result.failedItems(),
        result.throttled(),
        result.achievedRate(),
        result.ofLimit() * 100,
        ExecutionReport.offset(result.makespan()).trim(),
        result.wall().toMillis() / 1000.0,
        result.peakHeapBytes() / 1048576.0);
    out.flush();
    return result.failedItems() == 0 && result.outcome().equals("SUCCEEDED");
  }

  /** Runs {@code action} with the handlers' log lines dropped: stdout carries the table. */
  private static <T> T quietly(java.util.function.Supplier<T> action) {
    try (HandlerLogs logs = HandlerLogs.open(null)) {
      return logs.divert(action);
    }
  }
}
