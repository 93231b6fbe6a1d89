package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code studio-lifecycle completion}: a bash script that completes every command's options. */
class CompletionCommandTest {

  @Test
  void theScriptCompletesTheCommandsAndTheirOptions() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run("completion");

      assertThat(exit).isZero();
      assertThat(command.out())
          .startsWith("#!/usr/bin/env bash")
          .contains("complete -F _complete_studio-lifecycle")
          .contains("reconcile")
          .contains("--roster")
          .contains("--apply")
          .contains("--time-scale");
    }
  }
}
