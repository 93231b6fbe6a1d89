package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class StudioLifecycleCommandTest {

  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    List<CommandLine> toVisit =
        new ArrayList<>(List.of(new CommandLine(new StudioLifecycleCommand())));
    while (!toVisit.isEmpty()) {
      CommandLine command = toVisit.remove(0);
      all.add(command);
      toVisit.addAll(command.getSubcommands().values());
    }
    return all;
  }

  @Test
  void dashCapitalVPrintsTheVersionTheBuildWrote() {
    StringWriter out = new StringWriter();
    CommandLine commandLine =
        new CommandLine(new StudioLifecycleCommand()).setOut(new PrintWriter(out, true));

    assertThat(commandLine.execute("-V")).isZero();
    assertThat(out.toString().strip())
        .startsWith("studio-lifecycle ")
        .isEqualTo("studio-lifecycle " + VersionProvider.version())
        .doesNotContain("${");
  }

  @Test
  void everyCommandsHelpShowsAnExampleAndTheVersionFlag() {
    List<CommandLine> commands = everyCommand();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(8);
    for (CommandLine command : commands) {
      String help = command.getUsageMessage();
      assertThat(help).as(command.getCommandName()).contains("Example").contains("--version");
      assertThat(command.getCommandSpec().version()).as(command.getCommandName()).isNotEmpty();
    }
  }

  @Test
  void oneThingHasOneNameInEveryCommand() {
    Set<String> retired = Set.of("--handler-log", "--project", "--template");
    for (CommandLine command : everyCommand()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        assertThat(option.names())
            .as("%s %s", command.getCommandName(), option.longestName())
            .doesNotContainAnyElementsOf(retired)
            .hasSizeLessThanOrEqualTo(2);
      }
    }
  }
}
