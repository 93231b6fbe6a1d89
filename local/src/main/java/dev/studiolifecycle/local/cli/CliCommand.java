package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.emulator.scenario.ScenarioException;
import dev.studiolifecycle.local.eventbridge.EventPatternException;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What the commands that run something share: picocli's output streams, one exit code per outcome,
 * and bad input (a missing or broken file, an invalid scenario, template, definition or event
 * pattern) answered on stderr with exit 2 instead of a stack trace.
 */
abstract class CliCommand implements Callable<Integer> {

  /** Succeeded, or valid. */
  static final int OK = 0;

  /** An execution failed, timed out or was aborted. */
  static final int FAILED = 1;

  /** Bad definition, input or usage. */
  static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final String errorPrefix;

  /** {@code errorPrefix} starts every error line ("run: "); empty for none. */
  CliCommand(String errorPrefix) {
    this.errorPrefix = errorPrefix;
  }

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } catch (ScenarioException e) {
      err.println(errorPrefix + located(e.getMessage(), scenarioFile()));
      return BAD_INPUT;
    } catch (BadInput | TemplateException | DefinitionException | EventPatternException e) {
      err.println(errorPrefix + e.getMessage());
      return BAD_INPUT;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command's work; returns its exit code. */
  abstract int run(PrintWriter out, PrintWriter err);

  /** The scenario file the command seeds the emulator from, if it names one. */
  Path scenarioFile() {
    return null;
  }

  /** Errors found while seeding the emulator name the field but not the file: this adds it. */
  private static String located(String message, Path file) {
    return file == null || message.contains(file.toString()) ? message : file + ": " + message;
  }
}
