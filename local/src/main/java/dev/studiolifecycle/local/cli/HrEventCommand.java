package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.hr.HrEventDelivery;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.hr.HrEventReader;
import dev.studiolifecycle.local.hr.IncomingHrEvent;
import dev.studiolifecycle.local.permissions.PublisherCheck;
import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio-lifecycle hr-event}: delivers raw HR events to the project as AWS would, in one
 * emulator and in order: EventBridge events through the rules of template.yaml (pattern and input
 * transformer), SNS messages through the StartWorkflow function and the emulator's Step Functions
 * API; then runs what they start and reports each execution as {@code run} does.
 */
@Command(
    name = "hr-event",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Deliver HR events (EventBridge events or PutEvents entries, SNS notifications or Lambda "
          + "SNSEvents) through template.yaml's rules or the StartWorkflow function, and run "
          + "the executions they start, in order, in one emulator, in virtual time.",
      "Run it from the project's root folder. Prints what each event started (each execution's "
          + "timeline, outcome, notifications and figures), then every execution of the state "
          + "machine and the notifications sent.",
      "Exit 0 when every execution succeeded (or nothing started), 1 when one failed, an "
          + "event could not start one, its publisher may not publish or put it, or a rule could"
          + " not deliver it to its target (a queue"
          + " that does not take it, a role or permission missing), 2 when a "
          + "file is no HR event, an event went to the unusable-events queue, or for bad usage.",
      "Without --scenario, the emulator holds events/scenarios/studio-domains.json."
    },
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle hr-event events/hr/employee-hired.json events/hr/employee-terminated.json",
      "  studio-lifecycle hr-event events/hr/employee-terminated.json \\",
      "      --parameter HrEventDeletesExecutionRole=true",
      "  studio-lifecycle hr-event events/hr/employee-hired-sns.json \\",
      "      --parameter HrPublisherArn=arn:aws:iam::123456789012:role/hr-system \\",
      "      --publisher arn:aws:iam::123456789012:role/data-scientist"
    })
public final class HrEventCommand extends ScenarioCommand {

  /** The two empty domains (IAM and SSO) that the samples in events/hr are for. */
  static final Path DEFAULT_SCENARIO = Path.of("events", "scenarios", "studio-domains.json");

  @Parameters(arity = "1..*", paramLabel = "<file>", description = "HR event files, in order")
  List<Path> files;

  @Option(
      names = "--publisher",
      paramLabel = "<role-arn>",
      description =
          "The role (of account "
              + LocalAccount.ACCOUNT_ID
              + ") that publishes the SNS messages and puts the EventBridge events: each is"
              + " delivered only if the HR topic's or bus's policy does not deny it that call."
              + " Default: the events are taken as published already.")
  String publisher;

  @Mixin ProjectOptions project;

  @Mixin OutputOption output;

  public HrEventCommand() {
    super("hr-event: ");
  }

  @Override
  int run(PrintWriter stdout, PrintWriter err) {
    PrintWriter out = output.textTo(stdout);
    Path root = project.checkedRoot();
    if (publisher != null && !PublisherCheck.isRoleOfThisAccount(publisher)) {
      throw new BadInput(
          "--publisher: '"
              + publisher
              + "' is not a role ARN of account "
              + LocalAccount.ACCOUNT_ID
              + " (arn:aws:iam::"
              + LocalAccount.ACCOUNT_ID
              + ":role/[path/]name)");
    }
    List<IncomingHrEvent> events = new ArrayList<>();
    for (Path file : files) {
      // Every file is read before anything starts: a bad one starts nothing.
      events.add(HrEventReader.read(file, Instant.EPOCH));
    }
    LocalWorkflowRuntime.Builder builder =
        scenarios.runtime(
            root, ScenarioLoader.load(scenarios.resolve(root, DEFAULT_SCENARIO)), project);
    try (HandlerLogs logs = HandlerLogs.open(project.handlerLogs)) {
      try (LocalWorkflowRuntime runtime = logs.start(builder)) {
        ProgressLine.follow(runtime, err, "hr-event");
        Instant start = runtime.clock().instant();
        HrEventDelivery delivery =
            new HrEventDelivery(runtime, logs.stream(), Optional.ofNullable(publisher));
        int worst = OK;
        for (int i = 0; i < files.size(); i++) {
          out.println("== " + files.get(i));
          IncomingHrEvent event = events.get(i);
          List<Outcome> outcomes = logs.divert(() -> delivery.deliver(event));
          for (Outcome outcome : outcomes) {
            worst = Math.max(worst, report(outcome, runtime, out));
            worst = Math.max(worst, children(outcome, runtime, logs, out));
          }
        }
        summary(runtime, start, out);
        if (output.json()) {
          // One document per execution of the lifecycle state machine, in the order they started.
          for (Execution execution : runtime.engine().executions()) {
            if (execution.stateMachine().arn().equals(runtime.lifecycleStateMachine().arn())) {
              output.document(
                  stdout,
                  ExecutionReport.of(execution, runtime.notifications())
                      .pricedWith(runtime.template()));
            }
          }
        }
        return worst;
      }
    }
  }

  /** Prints what one event did, and the execution it started; returns its exit code. */
  private static int report(Outcome outcome, LocalWorkflowRuntime runtime, PrintWriter out) {
    out.println(outcome.said());
    if (outcome.started() != null) {
      return execution(outcome.started(), runtime, out);
    }
    if (outcome instanceof Outcome.SentElsewhere) {
      return BAD_INPUT;
    }
    boolean failed =
        outcome instanceof Outcome.InputNotJson
            || outcome instanceof Outcome.StartWorkflowFailed
            || outcome instanceof Outcome.NotDelivered
            || outcome instanceof Outcome.RefusedToPublisher;
    return failed ? FAILED : OK;
  }

  /**
   * The executions that one started (an OFFBOARD in every domain, or from IAM Identity Center),
   * each run to its end and printed; returns their worst exit code. They are named after their
   * domain and the parent's name (MD5), as the state machine's StartInEveryDomain names them.
   */
  private static int children(
      Outcome outcome, LocalWorkflowRuntime runtime, HandlerLogs logs, PrintWriter out) {
    Execution parent = outcome.started();
    if (parent == null) {
      return OK;
    }
    String suffix = "-" + md5(parent.name());
    int worst = OK;
    for (Execution child : runtime.engine().executions()) {
      if (child.name().endsWith(suffix)) {
        Execution ended = logs.divert(() -> runtime.awaitExecution(child.executionArn()));
        out.print("\nStarted by this execution:\n");
        worst = Math.max(worst, execution(ended, runtime, out));
      }
    }
    return worst;
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }

  private static int execution(Execution execution, LocalWorkflowRuntime runtime, PrintWriter out) {
    out.print(
        ExecutionReport.of(execution, runtime.notifications())
            .pricedWith(runtime.template())
            .render());
    return execution.status() == ExecutionStatus.SUCCEEDED ? OK : FAILED;
  }

  /**
   * Every execution of the state machine (what ListExecutions answers) and every notification, so
   * that a redelivery is seen to have started nothing; and what the scenario's users did.
   */
  private static void summary(LocalWorkflowRuntime runtime, Instant start, PrintWriter out) {
    String machine = runtime.lifecycleStateMachine().arn();
    List<Execution> executions =
        runtime.engine().executions().stream()
            .filter(e -> e.stateMachine().arn().equals(machine))
            .toList();
    out.println("== Summary");
    out.println(
        "Executions of " + runtime.lifecycleStateMachine().name() + ": " + executions.size());
    for (Execution execution : executions) {
      out.println("  " + execution.status() + "  " + execution.executionArn());
    }
    out.println("Notifications published: " + runtime.notifications().size());
    ScheduledActions users = runtime.emulator().scheduledActions();
    if (!users.applied().isEmpty() || users.pendingCount() > 0) {
      out.print(ExecutionReport.renderUserActions(start, users.applied(), users.pendingCount()));
    }
  }
}
