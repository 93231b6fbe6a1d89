package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.runtime.ReconcileRun;
import dev.studiolifecycle.local.runtime.StudioUser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;

/**
 * {@code studio-lifecycle demo}: the project's main job end to end, in seconds. Two domains exist;
 * jane-doe is onboarded with a new role (IAM propagation makes SageMaker refuse it at first), she
 * launches apps as Studio would, and she is offboarded with her role.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Onboard a user, let her launch apps, offboard her: the lifecycle state machine of "
          + "template.yaml with the real handlers against the embedded AWS emulator, in "
          + "virtual time. Run it from the project's root folder.",
      "Exit 0 when both executions succeeded, 1 when one failed, 2 for bad usage."
    },
    footer = {
      "",
      "Example:",
      "  java -jar local/target/studio-lifecycle-local.jar demo --handler-logs handlers.log"
    })
public final class DemoCommand extends CliCommand {

  /** The demo's files, relative to the project root. */
  static final Path SCENARIO = Path.of("events", "scenarios", "demo.json");

  static final Path ONBOARDING = Path.of("events", "statemachine", "onboard-iam-new-role.json");
  static final Path OFFBOARDING = Path.of("events", "statemachine", "offboard-delete-role.json");

  /** The HR roster the nightly reconcile reads at the end: sam-lee has left again. */
  static final Path NIGHTLY_ROSTER = Path.of("events", "roster", "demo-nightly.csv");

  /** The demo stack's RetentionDays: leavers' spaces and profiles are kept this long. */
  static final int RETENTION_DAYS = 7;

  /** The second person, who leaves and is rehired during the retention. */
  private static final String REHIRED = "sam-lee";

  /** How long the user works between onboarding and offboarding, in virtual time. */
  private static final Duration WORKING_TIME = Duration.ofMinutes(30);

  private static final String NOTEBOOK_SPACE = "jane-doe-notebooks";
  private static final String CODE_SPACE = "jane-doe-code";

  @Mixin ProjectOptions project;

  @Mixin OutputOption output;

  @Mixin TimelineOption timeline;

  public DemoCommand() {
    super("demo: ");
  }

  @Override
  int run(PrintWriter out, PrintWriter err) {
    long wallStart = System.nanoTime();
    Path root = project.checkedRoot();
    Scenario scenario = ScenarioLoader.load(root.resolve(SCENARIO));
    JsonNode onboarding = RunCommand.readInput(root.resolve(ONBOARDING));
    JsonNode offboarding = RunCommand.readInput(root.resolve(OFFBOARDING));
    try (HandlerLogs logs = HandlerLogs.open(project.handlerLogs);
        LocalWorkflowRuntime runtime =
            logs.start(
                LocalWorkflowRuntime.builder(root)
                    .scenario(scenario)
                    .parameter("RetentionDays", String.valueOf(RETENTION_DAYS))
                    .iamEnforced(project.iam.enforced()))) {
      ProgressLine.follow(runtime, err, "demo");
      int exit =
          logs.divert(
              () ->
                  demo(runtime, scenario, onboarding, offboarding, output.textTo(out), wallStart));
      timeline.write("studio-lifecycle demo", runtime.engine().executions());
      if (output.json()) {
        for (Execution execution : runtime.engine().executions()) {
          output.document(
              out,
              ExecutionReport.of(execution, runtime.notifications())
                  .pricedWith(runtime.template()));
        }
      }
      return exit;
    }
  }

  private int demo(
      LocalWorkflowRuntime runtime,
      Scenario scenario,
      JsonNode onboarding,
      JsonNode offboarding,
      PrintWriter out,
      long wallStart) {
    Instant demoStart = runtime.clock().instant();
    String domainId = onboarding.path("domainId").asText();
    String user = onboarding.path("userProfileName").asText();
    out.println(
        "studio-lifecycle demo: template.yaml's state machine, the Lambda handlers and "
            + "the AWS emulator in one JVM, in virtual time");
    out.println();

    describeDomains(scenario, out);
    out.println(
        "2. Onboard "
            + user
            + " into "
            + domainId
            + " ("
            + ONBOARDING
            + "): a new "
            + "execution role with extra S3 buckets, a default JupyterLab image, RStudio, Canvas "
            + "time-series forecasting");
    Execution onboarded = runAndReport(runtime, onboarding, out);
    out.println();

    out.println(
        "3. "
            + user
            + " works in Studio (SageMaker API calls through the AWS SDK, as "
            + "the Studio UI makes them)");
    if (onboarded.status() == ExecutionStatus.SUCCEEDED) {
      try (StudioUser studio = StudioUser.of(runtime.emulator(), domainId, user)) {
        work(runtime, studio, demoStart, out);
      }
    } else {
      out.println("   skipped: the onboarding failed");
    }
    out.println();

    List<Execution> all = new ArrayList<>(List.of(onboarded));
    all.addAll(moveAndLeave(runtime, onboarding, offboarding, user, out));
    all.add(nightly(runtime, out));
    boolean succeeded = summarise(runtime, all, demoStart, wallStart, out);
    return succeeded ? OK : FAILED;
  }

  /** Steps 4 to 6: the team move, the leave with a retention, and the rehire of another person. */
  private static List<Execution> moveAndLeave(
      LocalWorkflowRuntime runtime,
      JsonNode onboarding,
      JsonNode offboarding,
      String user,
      PrintWriter out) {
    out.println(
        "4. "
            + user
            + " moves from team ml-platform to risk (UPDATE): another bucket, instance type "
            + "and RStudio group, the Canvas policies taken away; each change is listed");
    List<Execution> executions = new ArrayList<>();
    executions.add(runAndReport(runtime, move(onboarding), out));
    out.println();

    out.println(
        "5. Offboard "
            + user
            + ", execution role included ("
            + OFFBOARDING
            + "), with a "
            + RETENTION_DAYS
            + "-day retention: access revoked and apps deleted at once, her spaces and "
            + "profile kept, then deleted");
    executions.add(runAndReport(runtime, offboarding, out));
    out.println();

    out.println(
        "6. "
            + REHIRED
            + " joins, leaves, and is rehired two days into his retention (RESTORE): his "
            + "access comes back and his offboarding deletes nothing");
    executions.addAll(rehire(runtime, onboarding, offboarding, out));
    out.println();
    return executions;
  }

  /**
   * The move: the onboarding request with the risk team's settings (its bucket, a larger instance,
   * RStudio as a user, no Canvas), as an UPDATE with a request id of its own.
   */
  static JsonNode move(JsonNode onboarding) {
    ObjectNode move = onboarding.deepCopy();
    move.put("action", "UPDATE");
    move.put("requestId", "hr-2026-000300");
    move.remove("email");
    move.remove("canvas");
    move.putObject("executionRole").putObject("create").putArray("s3Buckets").add("risk-data");
    move.putObject("tags").put("team", "risk").put("cost-center", "cc-4711");
    ((ObjectNode) move.path("jupyterLab")).put("instanceType", "ml.m5.large");
    move.put("rstudio", "USER");
    return move;
  }

  /**
   * Step 7: the nightly reconcile, started by the template's schedule as EventBridge Scheduler
   * starts it (its role, its input: PLAN mode), reads the HR roster, which says sam-lee has left
   * again; his termination never reached the workflow, so the plan is what finds him.
   */
  private Execution nightly(LocalWorkflowRuntime runtime, PrintWriter out) {
    out.println(
        "7. The nightly reconcile (PLAN, as the schedule starts it) reads the HR roster ("
            + NIGHTLY_ROSTER
            + "): "
            + REHIRED
            + " has left again, and his termination event never arrived");
    byte[] roster;
    try {
      roster = java.nio.file.Files.readAllBytes(project.checkedRoot().resolve(NIGHTLY_ROSTER));
    } catch (java.io.IOException e) {
      throw new BadInput(NIGHTLY_ROSTER + ": cannot read it: " + e.getMessage());
    }
    // Where the reconcile reads the roster unless told otherwise (ReconcileRosterKey's default).
    ReconcileRun.upload(runtime, "hr-export.csv", roster);
    ReconcileRun.Result result =
        ReconcileRun.runScheduled(runtime, "NightlyReconcileSchedule", progress -> {});
    for (JsonNode item : result.plan()) {
      out.printf(
          "   %-10s %-16s %-10s %s%n",
          item.path("kind").asText(),
          item.path("domainId").asText(),
          item.path("userProfileName").asText(),
          item.path("reason").asText());
    }
    if (result.planned() != null) {
      out.println("   " + result.planned().path("summary").asText());
    }
    out.println(
        "   "
            + result.execution().status()
            + " in "
            + ExecutionReport.offset(result.virtual()).trim()
            + " of virtual time; the plan is in s3://"
            + ReconcileRun.bucket(runtime)
            + "/"
            + (result.planned() == null ? "" : result.planned().at("/plan/key").asText()));
    out.println();
    return result.execution();
  }

  /** Runs one execution to its end and prints its timeline and figures, indented. */
  private static Execution runAndReport(
      LocalWorkflowRuntime runtime, JsonNode input, PrintWriter out) {
    Execution execution = runtime.run(input);
    out.print(
        indent(
            ExecutionReport.of(execution, runtime.notifications())
                .pricedWith(runtime.template())
                .timelineReport()));
    return execution;
  }

  /**
   * Step 6: another person is onboarded, offboarded (started, not awaited) and, two days into the
   * retention, restored; returns the three executions, each reported.
   */
  private static List<Execution> rehire(
      LocalWorkflowRuntime runtime, JsonNode onboarding, JsonNode offboarding, PrintWriter out) {
    ObjectNode joins = onboarding.deepCopy();
    joins.put("userProfileName", REHIRED).put("requestId", "hr-2026-000501");
    joins.put("email", REHIRED.replace('-', '.') + "@example.com");
    Execution joined = runAndReport(runtime, joins, out);
    ObjectNode leaves = offboarding.deepCopy();
    leaves.put("userProfileName", REHIRED).put("requestId", "hr-2026-000502");
    ObjectNode back = JsonNodeFactory.instance.objectNode();
    back.put("action", "RESTORE").put("requestId", "hr-2026-000503");
    back.put("domainId", onboarding.path("domainId").asText()).put("userProfileName", REHIRED);
    var engine = runtime.engine();
    Execution left = engine.start(runtime.lifecycleStateMachine(), "hr-2026-000502", leaves);
    List<Execution> restored = new ArrayList<>();
    engine
        .scheduler()
        .schedule(
            Duration.ofDays(2),
            () ->
                restored.add(
                    engine.start(runtime.lifecycleStateMachine(), "hr-2026-000503", back)));
    runtime.awaitExecution(left.executionArn());
    for (Execution execution : List.of(left, restored.get(0))) {
      out.print(
          indent(
              ExecutionReport.of(execution, runtime.notifications())
                  .pricedWith(runtime.template())
                  .timelineReport()));
    }
    return List.of(joined, left, restored.get(0));
  }

  /** Step 1: the scenario's domains, and how long IAM takes to propagate a new role. */
  private static void describeDomains(Scenario scenario, PrintWriter out) {
    out.println("1. Two SageMaker domains (" + SCENARIO + ")");
    for (Scenario.Domain domain : scenario.sagemaker().domains()) {
      out.println(
          "   "
              + domain.domainId()
              + "  "
              + domain.domainName()
              + "  "
              + domain.authMode()
              + ("SSO".equals(domain.authMode()) ? " (IAM Identity Center)" : ""));
    }
    if (scenario.iam() != null && scenario.iam().propagationDelay() != null) {
      out.println(
          "   IAM propagation: SageMaker cannot assume a new role for "
              + Duration.parse(scenario.iam().propagationDelay()).toSeconds()
              + " s after "
              + "CreateRole");
    }
    out.println();
  }

  /** The notifications the executions sent, and the outcome; whether every one succeeded. */
  private static boolean summarise(
      LocalWorkflowRuntime runtime,
      List<Execution> executions,
      Instant demoStart,
      long wallStart,
      PrintWriter out) {
    List<PublishedMessage> notifications = runtime.notifications();
    out.print(ExecutionReport.renderNotifications(demoStart, notifications));
    out.println();
    long failed = executions.stream().filter(e -> e.status() != ExecutionStatus.SUCCEEDED).count();
    Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
    Duration virtual = Duration.between(demoStart, runtime.clock().instant());
    out.printf(
        "%s: %d executions, %d SUCCEEDED; %d days %d h %d min of virtual time in %.1f s of wall"
            + " time%n",
        failed == 0 ? "Done" : "Failed",
        executions.size(),
        executions.size() - failed,
        virtual.toDays(),
        virtual.toHoursPart(),
        virtual.toMinutesPart(),
        wall.toMillis() / 1000.0);
    out.flush();
    return failed == 0;
  }

  /** JupyterLab and CodeEditor in private spaces, Canvas on the profile; then she works. */
  private static void work(
      LocalWorkflowRuntime runtime, StudioUser studio, Instant demoStart, PrintWriter out) {
    Step step = new Step(runtime, demoStart, out);
    step.say("CreateSpace " + NOTEBOOK_SPACE + " (Private, JupyterLab)");
    studio.createPrivateSpace(NOTEBOOK_SPACE, "JupyterLab");
    step.say("CreateSpace " + CODE_SPACE + " (Private, CodeEditor)");
    studio.createPrivateSpace(CODE_SPACE, "CodeEditor");
    step.say("CreateApp Canvas default");
    studio.launchApp("Canvas", "default");
    // Spaces are InService seconds after CreateSpace; only then can their apps start.
    step.advance(runtime.emulator().sageMaker().timings().spaceReady());
    step.say("CreateApp JupyterLab default in " + NOTEBOOK_SPACE);
    studio.launchSpaceApp(NOTEBOOK_SPACE, "JupyterLab", "default");
    step.say("CreateApp CodeEditor default in " + CODE_SPACE);
    studio.launchSpaceApp(CODE_SPACE, "CodeEditor", "default");
    step.advance(WORKING_TIME);
    List<AppDetails> apps = new ArrayList<>(studio.apps());
    apps.sort(Comparator.comparing(AppDetails::appTypeAsString));
    for (AppDetails app : apps) {
      step.say(
          "ListApps: "
              + app.appTypeAsString()
              + " "
              + app.appName()
              + (app.spaceName() != null ? " in " + app.spaceName() : " on the profile")
              + "  "
              + app.statusAsString());
    }
  }

  /** Prints what the user does at which virtual time, and lets time pass. */
  private record Step(LocalWorkflowRuntime runtime, Instant start, PrintWriter out) {
    void say(String text) {
      out.println("   " + ExecutionReport.offset(start, runtime.clock().instant()) + "  " + text);
    }

    void advance(Duration duration) {
      runtime.emulator().virtualClock().advance(duration);
    }
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append("   ").append(line).append('\n'));
    return out.toString();
  }
}
