package dev.studiolifecycle.local.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * A command that deploys the template into an emulator seeded with a scenario: {@code --scenario},
 * else the command's own default ({@link ScenarioOptions#resolve}); what goes wrong while seeding
 * names the file in use.
 */
abstract class ScenarioCommand extends CliCommand {

  @Mixin ScenarioOptions scenarios;

  ScenarioCommand(String errorPrefix) {
    super(errorPrefix);
  }

  @Override
  final Path scenarioFile() {
    Path resolved = scenarios.resolved();
    return resolved != null ? resolved : scenarios.scenarioFile;
  }
}
