package dev.studiolifecycle.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line with standard output and error captured, as a user would see them. */
final class CommandOutput implements AutoCloseable {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;

  CommandOutput() {
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  int run(String... args) {
    return StudioLifecycleCommand.execute(args);
  }

  String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }
}
