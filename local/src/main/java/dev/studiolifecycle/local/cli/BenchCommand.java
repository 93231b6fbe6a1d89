package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.OffboardingBenchmark;
import dev.studiolifecycle.local.runtime.OffboardingBenchmark.Result;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code studio-lifecycle bench}: offboardings of growing size, each in a fresh runtime, with what
 * they cost and how close they come to SageMaker's floor.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Offboard users with N apps (one private space, with one app, per ten apps) through the "
          + "lifecycle state machine, in virtual time, and print per N: state transitions billed "
          + "(retries included), Lambda invocations, SageMaker calls, virtual duration, the floor "
          + "SageMaker sets (the slowest app's deletion, then its space's, then the profile's), "
          + "their ratio, the largest state payload in bytes, the list price (Step Functions "
          + "Standard and Lambda requests, us-east-1), and wall time. Two tables: every app "
          + "deleting in SageMaker's usual time, and one app (in a space) taking --slow-app.",
      "Run it from the project's root folder. Exit 0 when every offboarding succeeded, 1 when "
          + "one did not, 2 for bad usage."
    },
    footer = {
      "",
      "Example:",
      "  java -jar local/target/studio-lifecycle-local.jar bench --apps 1,10,25,100,1000"
    })
public final class BenchCommand extends CliCommand {

  @Option(
      names = "--apps",
      split = ",",
      paramLabel = "<N>",
      description = "The app counts to offboard (default: ${DEFAULT-VALUE})",
      defaultValue = "1,10,25,100,1000")
  List<Integer> apps;

  @Option(
      names = "--slow-app",
      paramLabel = "<duration>",
      description =
          "How long the slow app of the second table takes to delete, ISO-8601 "
              + "(default: ${DEFAULT-VALUE}); NONE for the first table only",
      defaultValue = "PT9M")
  String slowApp;

  @Mixin ProjectOptions.ProjectRootOption root;

  public BenchCommand() {
    super("bench: ");
  }

  @Override
  int run(PrintWriter out, PrintWriter err) {
    Path projectRoot = root.checked();
    Duration slow = slowApp();
    for (int n : apps) {
      if (n < 1) {
        throw new BadInput("--apps: every count must be at least 1, got " + n);
      }
    }
    boolean allSucceeded = table(out, projectRoot, null);
    if (slow != null) {
      out.println();
      allSucceeded &= table(out, projectRoot, slow);
    }
    return allSucceeded ? OK : FAILED;
  }

  private Duration slowApp() {
    if ("NONE".equalsIgnoreCase(slowApp)) {
      return null;
    }
    try {
      Duration value = Duration.parse(slowApp);
      if (value.isNegative() || value.isZero()) {
        throw new BadInput("--slow-app: must be a positive duration, got " + slowApp);
      }
      return value;
    } catch (DateTimeParseException e) {
      throw new BadInput("--slow-app: not an ISO-8601 duration such as PT9M: " + slowApp);
    }
  }

  private boolean table(PrintWriter out, Path projectRoot, Duration slow) {
    out.println(
        slow == null
            ? "Offboarding, every app deleting in SageMaker's usual time"
            : "Offboarding, one app (in a space) taking "
                + slow.toString().substring(2).toLowerCase(Locale.ROOT)
                + " to delete");
    out.printf(
        Locale.ROOT,
        "%6s %6s %11s %7s %7s %9s %9s %9s %6s %9s %10s %9s  %s%n",
        "apps",
        "spaces",
        "transitions",
        "target",
        "lambda",
        "sagemaker",
        "duration",
        "floor",
        "ratio",
        "payload",
        "list price",
        "wall",
        "outcome");
    boolean allSucceeded = true;
    for (int n : apps) {
      Result r;
      try (HandlerLogs logs = HandlerLogs.open(null)) {
        r = logs.divert(() -> OffboardingBenchmark.run(projectRoot, n, slow));
      }
      allSucceeded &= r.outcome().equals("SUCCEEDED");
      out.printf(
          Locale.ROOT,
          "%6d %6d %11d %7d %7d %9d %9s %9s %6.3f %9d %10s %8.1fs  %s%n",
          r.apps(),
          r.spaces(),
          r.billedTransitions(),
          r.transitionTarget(slow != null),
          r.lambdaInvocations(),
          r.sageMakerCalls(),
          clock(r.virtualDuration()),
          clock(r.floor()),
          r.ratio(),
          r.largestPayloadBytes(),
          String.format(Locale.ROOT, "$%.6f", r.listPriceUsd()),
          r.wallTime().toMillis() / 1000.0,
          r.outcome());
      out.flush();
    }
    return allSucceeded;
  }

  private static String clock(Duration d) {
    long seconds = d.toSeconds();
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
