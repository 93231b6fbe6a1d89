package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioException;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
          + "duration.",
      "Exit 0 when the execution succeeded, 1 when it failed, 2 for bad input or usage."
    },
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle run events/statemachine/onboard-iam-new-role.json",
      "  studio-lifecycle run events/statemachine/offboard-delete-role.json \\",
      "      --scenario events/scenarios/offboarding-jane-doe.json --parameter MaxAppDeletionWaitSeconds=600"
    })
public final class RunCommand implements Callable<Integer> {

  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  @Parameters(
      index = "0",
      paramLabel = "<input.json>",
      description = "The state machine input, e.g. events/statemachine/onboard-iam-new-role.json")
  Path inputFile;

  @Mixin ScenarioOptions scenarios;

  @Mixin ProjectOptions project;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path root = project.checkedRoot();
      JsonNode input = readInput(inputFile);
      Path scenarioFile = scenarios.scenarioFile;
      Scenario scenario = scenarioFile == null ? null : ScenarioLoader.load(scenarioFile);
      try (HandlerLogs logs = HandlerLogs.open(project.handlerLogs)) {
        LocalWorkflowRuntime.Builder builder =
            LocalWorkflowRuntime.builder(root)
                .scenario(scenario)
                .iamEnforced(project.iam.enforced());
        scenarios.parameters.forEach(builder::parameter);
        Execution execution;
        ExecutionReport report;
        List<ScheduledActions.Applied> userActions;
        int userActionsToCome;
        try (LocalWorkflowRuntime runtime = logs.start(builder)) {
          execution = logs.divert(() -> runtime.run(input));
          report =
              ExecutionReport.of(execution, runtime.notifications()).pricedWith(runtime.template());
          userActions = runtime.emulator().scheduledActions().applied();
          userActionsToCome = runtime.emulator().scheduledActions().pendingCount();
        }
        out.print(report.render());
        if (!userActions.isEmpty() || userActionsToCome > 0) {
          out.print(
              ExecutionReport.renderUserActions(
                  execution.startDate(), userActions, userActionsToCome));
        }
        out.flush();
        return execution.status() == ExecutionStatus.SUCCEEDED ? SUCCEEDED : FAILED;
      }
    } catch (ScenarioException e) {
      // Errors found while seeding the emulator name the field but not the file.
      String message = e.getMessage();
      err.println(
          "run: "
              + (message.contains(String.valueOf(scenarios.scenarioFile))
                  ? message
                  : scenarios.scenarioFile + ": " + message));
      err.flush();
      return BAD_INPUT;
    } catch (BadInput | TemplateException | DefinitionException e) {
      err.println("run: " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      // The engine refuses an input it cannot start (not an object, too large, bad name).
      err.println("run: " + inputFile + ": " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
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
