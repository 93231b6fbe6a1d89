package dev.studiolifecycle.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StandardOutputRouterTest {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void captureStdout() {
    original = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(original);
  }

  @Test
  void divertsStandardOutputOnlyWhileTheActionRuns() {
    StandardOutputRouter.install();
    PrintStream capturedByALogger = System.out;
    System.out.println("before");
    String result =
        StandardOutputRouter.divertedTo(
            new PrintStream(sink, true, StandardCharsets.UTF_8),
            () -> {
              System.out.println("inside");
              capturedByALogger.print("logger line");
              return "done";
            });
    capturedByALogger.println(" after");
    assertThat(result).isEqualTo("done");
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("inside\nlogger line");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("before\n after\n");
  }

  @Test
  void installingTwiceKeepsOneRouter() {
    StandardOutputRouter.install();
    PrintStream router = System.out;
    StandardOutputRouter.install();
    assertThat(System.out).isSameAs(router);
  }
}
