package dev.studiolifecycle.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code studio-lifecycle} command: runs the workflow, the emulator and ASL files locally. */
@Command(
    name = "studio-lifecycle",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run the SageMaker Studio user lifecycle workflow locally, in virtual time.",
    footer = {
      "",
      "Examples (from the project's root folder):",
      "  java -jar local/target/studio-lifecycle-local.jar demo",
      "  java -jar local/target/studio-lifecycle-local.jar run events/statemachine/offboard-delete-role.json",
      "  java -jar local/target/studio-lifecycle-local.jar emulator --time-scale 60"
    },
    subcommands = {
      AslCommand.class,
      EmulatorCommand.class,
      RunCommand.class,
      DemoCommand.class,
      HrEventCommand.class,
      CheckCommand.class,
      ReconcileCommand.class,
      BenchCommand.class,
      ReconcileBenchCommand.class,
      CompletionCommand.class,
    })
public final class StudioLifecycleCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line; usage errors exit with 2, as every subcommand documents. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new StudioLifecycleCommand());
    commandLine.setExitCodeExceptionMapper(exception -> 2);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }
}
