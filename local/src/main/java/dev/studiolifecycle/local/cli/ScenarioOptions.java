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

  /**
   * The local runtime of the project at {@code root}, seeded with {@code scenario} (or none), with
   * these options' parameters and IAM evaluated as {@code project} asks.
   */
  LocalWorkflowRuntime.Builder runtime(Path root, Scenario scenario, ProjectOptions project) {
    LocalWorkflowRuntime.Builder builder =
        LocalWorkflowRuntime.builder(root).scenario(scenario).iamEnforced(project.iam.enforced());
    parameters.forEach(builder::parameter);
    return builder;
  }
}
