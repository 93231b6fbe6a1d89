package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.lambda.StandardOutputRouter;
import dev.studiolifecycle.local.report.StateMachineDiagram;
import dev.studiolifecycle.local.report.TimelineRenderer;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.DefinitionRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio-lifecycle asl}: runs or checks an Amazon States Language file with the local
 * interpreter, in virtual time. {@code run} writes only the execution's output (or {@code {"error",
 * "cause"}}) to stdout and the history as a timeline to stderr.
 */
@Command(
    name = "asl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run or check Amazon States Language files locally, in virtual time.",
    subcommands = {AslCommand.Run.class, AslCommand.Validate.class, AslCommand.Diagram.class},
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle asl validate statemachine/studio-user-lifecycle.asl.json",
      "  studio-lifecycle asl run events/asl/app-cleanup.asl.json \\",
      "      --input events/asl/app-cleanup.input.json \\",
      "      --mock-config events/asl/app-cleanup.mock.json --test-case HappyPath"
    })
public final class AslCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: run or validate");
  }

  /** {@code asl run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Run a state machine definition to its end in virtual time, against an in-process "
            + "emulator of the AWS APIs (or with a --mock-config test case).",
        "stdout: the execution output, or {\"error\": ..., \"cause\": ...} when it fails.",
        "stderr: the history as a timeline. Exit 0 succeeded, 1 failed or timed out, "
            + "2 bad definition, input or usage."
      },
      footer = {
        "",
        "Examples:",
        "  studio-lifecycle asl run statemachine/studio-user-lifecycle.asl.json \\",
        "      --scenario events/scenarios/offboarding-jane-doe.json \\",
        "      --input events/statemachine/offboard-delete-role.json",
        "  studio-lifecycle asl run events/asl/app-cleanup.asl.json \\",
        "      --input events/asl/app-cleanup.input.json \\",
        "      --mock-config events/asl/app-cleanup.mock.json --test-case HappyPath"
      })
  static final class Run extends CliCommand {

    @Parameters(
        index = "0",
        paramLabel = "<definition.json>",
        description = "The ASL file, e.g. statemachine/studio-user-lifecycle.asl.json")
    Path definitionFile;

    @Option(
        names = "--input",
        paramLabel = "<file|json>",
        defaultValue = "{}",
        description = "The execution input: a JSON file or inline JSON (default: {})")
    String input;

    @Option(
        names = "--mock-config",
        paramLabel = "<file>",
        description = "A Step Functions Local mock configuration (MockConfigFile.json format)")
    Path mockConfig;

    @Option(
        names = "--test-case",
        paramLabel = "<name>",
        description = "The test case of the mock configuration to run")
    String testCase;

    @Option(
        names = "--state-machine-name",
        paramLabel = "<name>",
        description =
            "The state machine's name in the mock configuration (default: the "
                + "definition file name without .asl.json or .json)")
    String stateMachineName;

    @Option(
        names = "--execution-name",
        paramLabel = "<name>",
        defaultValue = "local-run",
        description = "The execution's name (default: local-run)")
    String executionName;

    @Mixin ProjectOptions project;

    @Mixin ScenarioOptions scenario;

    Run() {
      super("");
    }

    @Override
    int run(PrintWriter out, PrintWriter err) {
      // Before anything logs: a logger that captures System.out first would bypass the router.
      StandardOutputRouter.install();
      if ((mockConfig == null) != (testCase == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--mock-config and --test-case go together");
      }
      try (HandlerLogs logs = HandlerLogs.openOrStderr(project.handlerLogs)) {
        Execution execution =
            DefinitionRun.builder(definitionFile, parseInput(input))
                .template(project.templateIfAny())
                .parameters(scenario.parameters)
                .stackName(scenario.stackName)
                .scenario(scenario.scenarioFile)
                .executionName(executionName)
                .mocks(
                    mockConfig == null
                        ? null
                        : new DefinitionRun.Mocks(mockConfig, testCase, stateMachineName))
                .handlerOutput(logs.stream())
                .iamEnforced(project.iam.enforced())
                .build()
                .run();
        err.print(TimelineRenderer.render(execution.history()));
        err.flush();
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
          out.println(json(execution.output().orElseThrow()));
          return OK;
        }
        ObjectNode failure = LocalJson.MAPPER.createObjectNode();
        failure.put("error", execution.error().orElse(null));
        failure.put("cause", execution.cause().orElse(null));
        out.println(json(failure));
        return FAILED;
      }
    }

    private static JsonNode parseInput(String value) {
      String text = value;
      Path file = asExistingFile(value);
      if (file != null) {
        text = readInput(file);
      }
      try {
        JsonNode parsed = LocalJson.MAPPER.readTree(text);
        if (parsed == null || !parsed.isObject()) {
          throw new BadInput("--input: the execution input must be a JSON object");
        }
        return parsed;
      } catch (JsonProcessingException e) {
        throw new BadInput(
            "--input: "
                + (file != null
                    ? file + " is not valid JSON: "
                    : "'" + value + "' is neither a readable file nor valid JSON: ")
                + e.getOriginalMessage());
      }
    }

    private static Path asExistingFile(String value) {
      try {
        Path path = Path.of(value);
        return Files.isRegularFile(path) ? path : null;
      } catch (InvalidPathException e) {
        return null;
      }
    }
  }

  /** {@code asl validate}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Check a state machine definition without running it.",
        "Exit 0 when it is valid, 2 with every problem listed when it is not."
      },
      footer = {
        "",
        "Example:",
        "  studio-lifecycle asl validate statemachine/studio-user-lifecycle.asl.json"
      })
  static final class Validate extends CliCommand {

    @Parameters(index = "0", paramLabel = "<definition.json>", description = "The ASL file")
    Path definitionFile;

    @Mixin ProjectOptions project;

    Validate() {
      super("");
    }

    @Override
    int run(PrintWriter out, PrintWriter err) {
      StateMachineDefinition definition =
          DefinitionRun.validate(definitionFile, project.templateIfAny());
      out.println(definitionFile + ": valid (" + definition.allStates().size() + " states)");
      return OK;
    }
  }

  /** {@code asl diagram}. */
  @Command(
      name = "diagram",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Print a state machine definition as a Mermaid flowchart (GitHub renders it).",
        "Exit 0, or 2 when the definition is invalid."
      },
      footer = {
        "",
        "Example:",
        "  studio-lifecycle asl diagram statemachine/studio-user-lifecycle.asl.json"
      })
  static final class Diagram extends CliCommand {

    @Parameters(index = "0", paramLabel = "<definition.json>", description = "The ASL file")
    Path definitionFile;

    @Mixin ProjectOptions.ProjectRootOption project;

    Diagram() {
      super("");
    }

    @Override
    int run(PrintWriter out, PrintWriter err) {
      out.print(
          StateMachineDiagram.mermaid(DefinitionRun.read(definitionFile, project.templateIfAny())));
      return OK;
    }
  }

  private static String readInput(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BadInput("--input: cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String json(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
