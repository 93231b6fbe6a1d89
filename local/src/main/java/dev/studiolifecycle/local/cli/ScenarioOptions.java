package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of the commands that deploy the template into a seeded emulator. */
final class ScenarioOptions {

  @Option(
      names = "--scenario",
      paramLabel = "<file>",
      description = "A scenario file that seeds the emulator and injects faults (see README)")
  Path scenarioFile;

  @Option(
      names = "--parameter",
      paramLabel = "<Name=Value>",
      description =
          "A value for one of the template's Parameters (repeatable); DomainId defaults to the "
              + "scenario's first domain, else d-studiolocal01")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--stack-name",
      paramLabel = "<name>",
      description =
          "The stack's name, as sam deploy --stack-name gives it: what AWS::StackName resolves to,"
              + " and every name derived from it is held to its limits (default: "
              + LocalWorkflowRuntime.DEFAULT_STACK_NAME
              + ")")
  String stackName = LocalWorkflowRuntime.DEFAULT_STACK_NAME;

  /** The scenario file in use, once {@link #resolve} has chosen it. */
  private Path resolved;

  /**
   * The scenario file in use: {@code --scenario}, else {@code fallback} under {@code root}; kept
   * for the messages that name it ({@link #resolved}).
   */
  Path resolve(Path root, Path fallback) {
    resolved = scenarioFile != null ? scenarioFile : root.resolve(fallback);
    return resolved;
  }

  /** The scenario file {@link #resolve} chose, or null before. */
  Path resolved() {
    return resolved;
  }

  /**
   * The local runtime of the project at {@code root}, seeded with {@code scenario} (or none), with
   * these options' parameters and IAM evaluated as {@code project} asks.
   */
  LocalWorkflowRuntime.Builder runtime(Path root, Scenario scenario, ProjectOptions project) {
    LocalWorkflowRuntime.Builder builder =
        LocalWorkflowRuntime.builder(root).scenario(scenario).iamEnforced(project.iam.enforced());
    parameters.forEach(builder::parameter);
    return builder.stackName(stackName);
  }
}
