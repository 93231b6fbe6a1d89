package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.lambda.StandardOutputRouter;
import dev.studiolifecycle.local.runtime.BadInput;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where the handlers' log lines and EMF metrics go while a workflow command runs: a file the user
 * named, or nowhere, so that they never flood the report.
 */
final class HandlerLogs implements AutoCloseable {

  private final PrintStream stream;
  private final boolean owned;

  private HandlerLogs(PrintStream stream, boolean owned) {
    this.stream = stream;
    this.owned = owned;
  }

  /**
   * Appends to {@code file}, or drops everything when it is null.
   *
   * @throws BadInput when the file cannot be written
   */
  static HandlerLogs open(Path file) {
    if (file == null) {
      return new HandlerLogs(new PrintStream(OutputStream.nullOutputStream()), true);
    }
    return append(file);
  }

  /**
   * Appends to {@code file}, or writes to stderr when it is null (never stdout, which carries the
   * command's own output).
   *
   * @throws BadInput when the file cannot be written
   */
  static HandlerLogs openOrStderr(Path file) {
    return file == null ? new HandlerLogs(System.err, false) : append(file);
  }

  private static HandlerLogs append(Path file) {
    try {
      return new HandlerLogs(
          new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8),
          true);
    } catch (IOException e) {
      throw new BadInput("--handler-logs: cannot write " + file + ": " + e.getMessage());
    }
  }

  PrintStream stream() {
    return stream;
  }

  /** Runs {@code action} with standard output going here, as the handlers' own output does. */
  <T> T divert(Supplier<T> action) {
    return StandardOutputRouter.divertedTo(stream, action);
  }

  /**
   * Builds the runtime with the handlers writing here; what building it prints (the handlers'
   * initialisation) comes here too.
   */
  LocalWorkflowRuntime start(LocalWorkflowRuntime.Builder builder) {
    builder.handlerOutput(stream);
    return divert(builder::build);
  }

  @Override
  public void close() {
    if (owned) {
      stream.close();
    } else {
      stream.flush();
    }
  }
}
