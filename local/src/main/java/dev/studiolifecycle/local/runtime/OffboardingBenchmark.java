package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerTimings;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.report.ExecutionFigures;
import dev.studiolifecycle.local.report.ExecutionReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Offboards one user with {@code apps} apps, {@code spaces} of them in private spaces of their own
 * (one app each), and measures what the lifecycle state machine costs and how close it comes to the
 * fastest SageMaker allows: every app's deletion, then its space's, then the profile's, each of
 * which SageMaker refuses to start before the one before it is over.
 *
 * <p>The apps take SageMaker's usual deletion time ({@link SageMakerTimings#defaults()}), except,
 * when {@code slowApp} is given, the app of the first space (or the first app when there is no
 * space), which takes that long.
 */
public final class OffboardingBenchmark {

  private static final String DOMAIN = "d-benchmark01";
  private static final String USER = "bench-user";
  private static final String ROLE = "studio-" + USER;

  private OffboardingBenchmark() {}

  /**
   * One offboarding's figures.
   *
   * @param outcome SUCCEEDED, or FAILED/TIMED_OUT with the error
   * @param largestPayloadBytes the largest state input or output, task parameters or result the
   *     execution held (Step Functions refuses more than 262,144 bytes)
   * @param listPriceUsd Step Functions' transitions and Lambda's requests at us-east-1 list prices
   */
  public record Result(
      int apps,
      int spaces,
      String outcome,
      int billedTransitions,
      int lambdaInvocations,
      int sageMakerCalls,
      Duration virtualDuration,
      Duration floor,
      int largestPayloadBytes,
      double listPriceUsd,
      Duration wallTime) {

    /** Virtual duration over the floor. */
    public double ratio() {
      return (double) virtualDuration.toMillis() / floor.toMillis();
    }

    /** The transitions issue 11 allows: 20 + N + S (2-minute deletions), 30 + N + S (slow app). */
    public int transitionTarget(boolean slowApp) {
      return (slowApp ? 30 : 20) + apps + spaces;
    }
  }

  /** How many private spaces a benchmark of {@code apps} apps has: one for every ten apps. */
  public static int spacesFor(int apps) {
    return Math.max(1, apps / 10);
  }

  /**
   * Runs one offboarding in a fresh runtime of the project at {@code projectRoot}.
   *
   * @param slowApp how long one app takes to delete, or null for none slower than usual
   */
  public static Result run(Path projectRoot, int apps, Duration slowApp) {
    if (apps < 1) {
      throw new BadInput("--apps: every count must be at least 1, got " + apps);
    }
    int spaces = Math.min(spacesFor(apps), apps);
    SageMakerTimings timings = SageMakerTimings.defaults();
    long wallStart = System.nanoTime();
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(projectRoot)
            .scenario(
                ScenarioLoader.parse(
                    scenario(apps, spaces, slowApp).toString(), "benchmark of " + apps + " apps"))
            .build()) {
      int mark = runtime.emulator().requestLog().size();
      Execution execution = runtime.run("offboard-" + apps + "-apps", request());
      ExecutionFigures figures = ExecutionReport.of(execution, runtime.notifications()).figures();
      List<RecordedCall> calls = runtime.emulator().requestLog().calls();
      int sageMakerCalls =
          (int)
              calls.subList(mark, calls.size()).stream()
                  .filter(call -> "sagemaker".equals(call.service()))
                  .count();
      String outcome =
          execution.status().name() + execution.error().map(error -> " " + error).orElse("");
      return new Result(
          apps,
          spaces,
          outcome,
          figures.billedTransitions(),
          figures.lambdaInvocations(),
          sageMakerCalls,
          figures.virtualDuration(),
          floor(timings, spaces, slowApp),
          largestPayload(execution),
          figures.listPriceUsd(),
          Duration.ofNanos(System.nanoTime() - wallStart));
    }
  }

  /**
   * The fastest SageMaker allows: the slowest chain of an app's deletion, its space's (for a space
   * app), then the profile's.
   */
  static Duration floor(SageMakerTimings timings, int spaces, Duration slowApp) {
    Duration app = slowApp == null ? timings.appDelete() : max(slowApp, timings.appDelete());
    Duration chain = spaces > 0 ? app.plus(timings.spaceDelete()) : app;
    return chain.plus(timings.userProfileDelete());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static JsonNode request() {
    ObjectNode request = LocalJson.MAPPER.createObjectNode();
    request.put("action", "OFFBOARD");
    request.put("requestId", "hr-benchmark-1");
    request.put("domainId", DOMAIN);
    request.put("userProfileName", USER);
    request.putObject("offboarding").put("deleteExecutionRole", true);
    return request;
  }

  /** The user, their role, {@code spaces} private spaces with one app each, the other apps. */
  public static ObjectNode scenario(int apps, int spaces, Duration slowApp) {
    ObjectNode scenario = LocalJson.MAPPER.createObjectNode();
    scenario.put("description", "Offboarding benchmark: " + apps + " apps, " + spaces + " spaces");
    ObjectNode role = scenario.putObject("iam").putArray("roles").addObject();
    role.put("roleName", ROLE).put("path", "/studio-lifecycle/");
    role.putObject("tags")
        .put("managed-by", "studio-lifecycle")
        .put("studio-lifecycle:user-profile", USER)
        .put("studio-lifecycle:request-id", "hr-benchmark-0");
    role.putArray("attachedPolicyArns").add("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
    ObjectNode sageMaker = scenario.putObject("sagemaker");
    sageMaker.put("runningAppQuota", apps + 10);
    ObjectNode domain = sageMaker.putArray("domains").addObject();
    domain.put("domainId", DOMAIN).put("domainName", "benchmark").put("authMode", "IAM");
    ObjectNode profile = domain.putArray("userProfiles").addObject();
    profile.put("userProfileName", USER);
    profile
        .putObject("userSettings")
        .put("ExecutionRole", LocalAccount.globalArn("iam", "role/studio-lifecycle/" + ROLE));
    profile
        .putObject("tags")
        .put("managed-by", "studio-lifecycle")
        .put("studio-lifecycle:user-profile", USER)
        .put("studio-lifecycle:request-id", "hr-benchmark-0");
    ArrayNode spaceList = domain.putArray("spaces");
    ArrayNode appList = domain.putArray("apps");
    for (int i = 0; i < spaces; i++) {
      String space = USER + "-space-" + i;
      ObjectNode s = spaceList.addObject();
      s.put("spaceName", space).put("ownerUserProfileName", USER).put("sharingType", "Private");
      s.putObject("spaceSettings").put("AppType", "JupyterLab");
      ObjectNode app = appList.addObject();
      app.put("spaceName", space).put("appType", "JupyterLab").put("appName", "default");
      if (i == 0 && slowApp != null) {
        app.put("deleteDuration", slowApp.toString());
      }
    }
    for (int i = 0; i < apps - spaces; i++) {
      ObjectNode app = appList.addObject();
      app.put("userProfileName", USER)
          .put("appType", "KernelGateway")
          .put("appName", "kernel-" + i)
          .put("instanceType", "ml.t3.medium");
      if (spaces == 0 && i == 0 && slowApp != null) {
        app.put("deleteDuration", slowApp.toString());
      }
    }
    return scenario;
  }

  /** The largest JSON the execution carried from state to state or to and from a task. */
  public static int largestPayload(Execution execution) {
    int largest = 0;
    for (HistoryEvent event : execution.history()) {
      String payload = payloadOf(event.details());
      if (payload != null) {
        largest = Math.max(largest, payload.getBytes(StandardCharsets.UTF_8).length);
      }
    }
    return largest;
  }

  private static String payloadOf(EventDetails details) {
    if (details instanceof EventDetails.StateEntered entered) {
      return entered.input();
    }
    if (details instanceof EventDetails.StateExited exited) {
      return exited.output();
    }
    if (details instanceof EventDetails.LambdaFunctionScheduled scheduled) {
      return scheduled.input();
    }
    if (details instanceof EventDetails.LambdaFunctionSucceeded succeeded) {
      return succeeded.output();
    }
    if (details instanceof EventDetails.TaskScheduled scheduled) {
      return scheduled.parameters();
    }
    return null;
  }
}
