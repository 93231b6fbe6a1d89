package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio-lifecycle run}: one execution of the template's lifecycle state machine, with the
 * real handlers against the embedded emulator, in virtual time; prints its timeline, its
 * notifications and what AWS would bill for it.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run one execution of the lifecycle state machine (template.yaml, statemachine/) "
          + "against the embedded AWS emulator, in virtual time.",
      "Run it from the project's root folder. Prints the execution's timeline, its SNS "
          + "notifications, and its state transitions, Lambda invocations and virtual "
          + "duration; then the same of every execution it started (an OFFBOARD in every "
          + "domain), each run to its end.",
      "Exit 0 when the execution (and each it started) succeeded, 1 when one failed, 2 for bad"
          + " input or usage."
    },
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle run events/statemachine/onboard-iam-new-role.json",
      "  studio-lifecycle run events/statemachine/onboard-iam-new-role.json --output json | jq .status",
      "  studio-lifecycle run events/statemachine/offboard-delete-role.json \\",
      "      --scenario events/scenarios/offboarding-jane-doe.json --parameter MaxAppDeletionWaitSeconds=600",
      "  studio-lifecycle run events/statemachine/offboard-delete-role.json \\",
      "      --scenario events/scenarios/offboarding-jane-doe.json --parameter RetentionDays=7 \\",
      "      --definition events/upgrade/studio-user-lifecycle.previous.asl.json"
    })
public final class RunCommand extends CliCommand {

  @Parameters(
      index = "0",
      paramLabel = "<input.json>",
      description = "The state machine input, e.g. events/statemachine/onboard-iam-new-role.json")
  Path inputFile;

  @Option(
      names = "--definition",
      paramLabel = "<file.asl.json>",
      description =
          "Run the execution on this definition of the lifecycle state machine (with"
              + " template.yaml's substitutions), as one started before a stack update runs: e.g."
              + " the deployed release's, to check that it still finishes with this checkout's"
              + " functions and policies (README, \"Update the stack\")")
  Path definitionFile;

  @Mixin ScenarioOptions scenarios;

  @Mixin ProjectOptions project;

  @Mixin OutputOption output;

  @Mixin TimelineOption timeline;

  public RunCommand() {
    super("run: ");
  }

  @Override
  Path scenarioFile() {
    return scenarios.scenarioFile;
  }

  @Override
  int run(PrintWriter out, PrintWriter err) {
    try {
      boolean json = output.json();
      Path root = project.checkedRoot();
      JsonNode input = readInput(inputFile);
      Path scenarioFile = scenarios.scenarioFile;
      Scenario scenario = scenarioFile == null ? null : ScenarioLoader.load(scenarioFile);
      try (HandlerLogs logs = HandlerLogs.open(project.handlerLogs)) {
        LocalWorkflowRuntime.Builder builder = scenarios.runtime(root, scenario, project);
        Execution execution;
        ExecutionReport report;
        List<ExecutionReport> started = new ArrayList<>();
        boolean allSucceeded;
        List<ScheduledActions.Applied> userActions;
        int userActionsToCome;
        try (LocalWorkflowRuntime runtime = logs.start(builder)) {
          ProgressLine.follow(runtime, err, "run");
          StateMachine machine =
              definitionFile == null
                  ? runtime.lifecycleStateMachine()
                  : runtime.withDefinition(
                      LocalWorkflowRuntime.LIFECYCLE_STATE_MACHINE, definitionFile);
          execution =
              logs.divert(
                  () -> runtime.run(machine, LocalWorkflowRuntime.executionNameFor(input), input));
          report =
              ExecutionReport.of(execution, runtime.notifications()).pricedWith(runtime.template());
          started.addAll(startedBy(execution, runtime, logs));
          allSucceeded =
              execution.status() == ExecutionStatus.SUCCEEDED
                  && started.stream()
                      .allMatch(child -> child.execution().status() == ExecutionStatus.SUCCEEDED);
          List<Execution> pictured = new ArrayList<>(List.of(execution));
          started.forEach(child -> pictured.add(child.execution()));
          timeline.write("studio-lifecycle run " + inputFile.getFileName(), pictured);
          userActions = runtime.emulator().scheduledActions().applied();
          userActionsToCome = runtime.emulator().scheduledActions().pendingCount();
        }
        if (json) {
          output.document(out, report);
          started.forEach(child -> output.document(out, child));
          return allSucceeded ? OK : FAILED;
        }
        out.print(report.render());
        for (ExecutionReport child : started) {
          out.print("\nStarted by this execution:\n");
          out.print(child.render());
        }
        if (!userActions.isEmpty() || userActionsToCome > 0) {
          out.print(
              ExecutionReport.renderUserActions(
                  execution.startDate(), userActions, userActionsToCome));
        }
        return allSucceeded ? OK : FAILED;
      }
    } catch (IllegalArgumentException e) {
      // The engine refuses an input it cannot start (not an object, too large, bad name).
      throw new BadInput(inputFile + ": " + e.getMessage());
    }
  }

  /** The executions this one started (an OFFBOARD in every domain), each run to its end. */
  private static List<ExecutionReport> startedBy(
      Execution execution, LocalWorkflowRuntime runtime, HandlerLogs logs) {
    List<ExecutionReport> started = new ArrayList<>();
    for (Execution child : runtime.engine().executions()) {
      if (!child.executionArn().equals(execution.executionArn())) {
        Execution ended = logs.divert(() -> runtime.awaitExecution(child.executionArn()));
        started.add(
            ExecutionReport.of(ended, runtime.notifications()).pricedWith(runtime.template()));
      }
    }
    return started;
  }

  /** Reads a state machine input file: it must exist and hold one JSON object. */
  static JsonNode readInput(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInput(file + ": no such file");
    } catch (IOException e) {
      throw new BadInput(file + ": cannot read it: " + e.getMessage());
    }
    JsonNode json;
    try {
      // Duplicate keys are refused: which one a reader keeps differs between readers.
      json = LocalJson.STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadInput(file + ": not valid JSON: " + LocalJson.problem(e));
    }
    if (json == null || !json.isObject()) {
      throw new BadInput(file + ": the state machine input must be a JSON object");
    }
    return json;
  }
}
