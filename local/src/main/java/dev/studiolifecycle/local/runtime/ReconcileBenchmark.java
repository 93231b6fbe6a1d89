package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.MapRun;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reconcile at fleet scale, each case in a fresh runtime: N joiners applied through the Map Run
 * against an emulator that lets SageMaker's CreateUserProfile through at a set rate (what fails,
 * the rate the profiles were created at against that limit, the virtual makespan, wall time and
 * peak heap), and the plan of a domain of many managed profiles (wall time and peak heap).
 */
public final class ReconcileBenchmark {

  static final String DOMAIN = "d-studiolocal01";

  /** What applying N joiners did. */
  public record ApplyResult(
      int joiners,
      double ratePerSecond,
      int maxConcurrency,
      String outcome,
      long failedItems,
      long throttled,
      double achievedRate,
      Duration makespan,
      Duration wall,
      long peakHeapBytes) {

    /** The achieved rate as a share of the limit. */
    public double ofLimit() {
      return achievedRate / ratePerSecond;
    }
  }

  /** What planning a domain of N managed profiles took. */
  public record PlanResult(
      int profiles, String outcome, int planItems, Duration wall, long peakHeapBytes) {}

  private ReconcileBenchmark() {}

  /**
   * Applies a roster of {@code joiners} new people while CreateUserProfile is let through at {@code
   * ratePerSecond} (a bucket of one call), at most {@code maxConcurrency} lifecycle executions at
   * once.
   */
  public static ApplyResult joiners(
      Path projectRoot,
      int joiners,
      double ratePerSecond,
      int maxConcurrency,
      Consumer<ReconcileRun.Progress> progress) {
    ObjectNode scenario = scenario(0);
    ObjectNode throttle = scenario.putObject("faults").putArray("throttling").addObject();
    throttle.put("service", "sagemaker").put("operation", "CreateUserProfile");
    throttle
        .put("ratePerSecond", ratePerSecond)
        .put("burst", (int) Math.max(1, Math.ceil(ratePerSecond)));
    long wallStart = System.nanoTime();
    resetPeaks();
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(projectRoot)
            .scenario(ScenarioLoader.parse(scenario.toString(), joiners + " joiners"))
            .parameter("ReconcileMaxConcurrency", Integer.toString(maxConcurrency))
            .build()) {
      String key = ReconcileRun.upload(runtime, "joiners.csv", roster(joiners));
      ReconcileRun.Result result =
          ReconcileRun.run(
              runtime, "joiners-" + joiners, ReconcileRun.input("APPLY", key, false), progress);
      MapRun.Counts items =
          result
              .mapRun()
              .map(MapRun::itemCounts)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the reconcile ran no Map Run: "
                              + result.execution().cause().orElse("")));
      List<Instant> created =
          runtime.emulator().requestLog().calls("sagemaker", "CreateUserProfile").stream()
              .filter(RecordedCall::succeeded)
              .map(RecordedCall::time)
              .sorted()
              .toList();
      double achieved =
          created.size() < 2
              ? 0
              : (created.size() - 1)
                  / (Duration.between(created.get(0), created.get(created.size() - 1)).toMillis()
                      / 1000.0);
      return new ApplyResult(
          joiners,
          ratePerSecond,
          maxConcurrency,
          result.execution().status().name()
              + result.execution().error().map(error -> " " + error).orElse(""),
          items.failed() + items.timedOut() + items.aborted() + items.pending(),
          result.throttled(),
          achieved,
          result.virtual(),
          Duration.ofNanos(System.nanoTime() - wallStart),
          peakHeap());
    }
  }

  /** Plans a roster of {@code profiles} people against a domain holding each one's profile. */
  public static PlanResult plan(Path projectRoot, int profiles) {
    long wallStart = System.nanoTime();
    resetPeaks();
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(projectRoot)
            .scenario(ScenarioLoader.parse(scenario(profiles).toString(), profiles + " profiles"))
            .build()) {
      String key = ReconcileRun.upload(runtime, "everyone.csv", roster(profiles));
      ReconcileRun.Result result =
          ReconcileRun.run(
              runtime, "plan-" + profiles, ReconcileRun.input("PLAN", key, false), progress -> {});
      return new PlanResult(
          profiles,
          result.execution().status().name()
              + result.execution().error().map(error -> " " + error).orElse(""),
          result.plan().size(),
          Duration.ofNanos(System.nanoTime() - wallStart),
          peakHeap());
    }
  }

  /** A roster of {@code people} active people of the risk team, user-00001 on. */
  static byte[] roster(int people) {
    StringBuilder roster = new StringBuilder("userName,email,status,team\n");
    for (int i = 1; i <= people; i++) {
      String user = user(i);
      roster.append(user).append(',').append(user).append("@example.com,ACTIVE,risk\n");
    }
    return roster.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String user(int i) {
    return String.format("user-%05d", i);
  }

  /** An IAM domain with {@code managed} profiles of the risk team the workflow manages. */
  static ObjectNode scenario(int managed) {
    ObjectNode scenario = LocalJson.MAPPER.createObjectNode();
    scenario.put("description", "reconcile benchmark");
    scenario.put("randomSeed", 5);
    scenario
        .putObject("teamSettings")
        .putObject("teams")
        .putObject("risk")
        .putObject("tags")
        .put("team", "risk");
    ObjectNode domain = scenario.putObject("sagemaker").putArray("domains").addObject();
    domain.put("domainId", DOMAIN).put("domainName", "studio-bench").put("authMode", "IAM");
    ArrayNode profiles = domain.putArray("userProfiles");
    for (int i = 1; i <= managed; i++) {
      ObjectNode tags = profiles.addObject().put("userProfileName", user(i)).putObject("tags");
      tags.put("managed-by", "studio-lifecycle");
      tags.put("studio-lifecycle:user-profile", user(i));
      tags.put("studio-lifecycle:request-id", "hr-bench-" + i);
      tags.put("studio-lifecycle:team", "risk");
    }
    return scenario;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
