package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.runtime.BadInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

  @TempDir Path dir;

  @Test
  void theProjectRootHasTheTemplateAndTheStateMachineFolder() throws IOException {
    Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
    Files.createDirectory(dir.resolve("statemachine"));
    assertThat(ProjectRoot.check(dir)).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void namesWhatIsMissingAndWhereToRunFrom() throws IOException {
    assertThatThrownBy(() -> ProjectRoot.check(dir))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining("has no template.yaml and statemachine/")
        .hasMessageContaining("--project-root");
    Files.writeString(dir.resolve("template.yaml"), "Resources: {}\n");
    assertThatThrownBy(() -> ProjectRoot.check(dir)).hasMessageContaining("has no statemachine/");
  }
}
