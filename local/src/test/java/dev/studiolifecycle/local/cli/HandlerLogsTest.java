package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.runtime.BadInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerLogsTest {

  @TempDir Path dir;

  @Test
  void appendsToTheFileNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("handlers.log"), "earlier\n");
    try (HandlerLogs logs = HandlerLogs.open(file)) {
      logs.stream().println("{\"level\":\"INFO\"}");
    }
    assertThat(Files.readString(file)).isEqualTo("earlier\n{\"level\":\"INFO\"}\n");
  }

  @Test
  void dropsEverythingWithoutAFile() {
    try (HandlerLogs logs = HandlerLogs.open(null)) {
      logs.stream().println("nowhere");
      assertThat(logs.stream().checkError()).isFalse();
    }
  }

  @Test
  void divertsWhatIsPrintedToStandardOutputWhileAnActionRuns() throws IOException {
    Path file = dir.resolve("handlers.log");
    try (HandlerLogs logs = HandlerLogs.open(file)) {
      String result =
          logs.divert(
              () -> {
                System.out.println("{\"_aws\":{}}");
                return "done";
              });
      assertThat(result).isEqualTo("done");
    }
    assertThat(Files.readString(file)).isEqualTo("{\"_aws\":{}}" + System.lineSeparator());
  }

  @Test
  void aFileThatCannotBeWrittenIsBadInput() {
    assertThatThrownBy(() -> HandlerLogs.open(dir.resolve("no-such-dir/handlers.log")))
        .isInstanceOf(BadInput.class)
        .hasMessageStartingWith("--handler-logs: cannot write");
  }
}
