package dev.studiolifecycle.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.runtime.DefinitionRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateMachineDiagramTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));

  @Test
  void drawsEveryStateEveryTransitionAndCatchesDashed() {
    String diagram =
        StateMachineDiagram.mermaid(
            StateMachineDefinition.parse(
                "{\"StartAt\": \"T\", \"States\": {"
                    + "\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sns:publish\","
                    + " \"Next\": \"C\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], "
                    + "\"Next\": \"F\"}]},"
                    + "\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", "
                    + "\"IsPresent\": true, \"Next\": \"S\"}], \"Default\": \"F\"},"
                    + "\"S\": {\"Type\": \"Succeed\"}, \"F\": {\"Type\": \"Fail\"}}}"));

    assertThat(diagram)
        .startsWith("flowchart TD\n  start((start)) --> s_T\n")
        .contains("s_T[\"T\"]", "s_C{\"C\"}", "s_S([\"S\"])", "s_F([\"F\"]):::fail")
        .contains("s_T --> s_C", "s_T -.->|catch| s_F", "s_C --> s_S", "s_C -->|default| s_F")
        .contains("s_S --> finish((end))");
  }

  @Test
  void theReadmesPictureIsTheLifecycleStateMachineAsItIsNow() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String start = "<!-- state-machine-diagram:start -->\n```mermaid\n";
    String end = "```\n<!-- state-machine-diagram:end -->";
    String pictured = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));

    String current =
        StateMachineDiagram.mermaid(
            DefinitionRun.read(
                ROOT.resolve("statemachine/studio-user-lifecycle.asl.json"),
                ROOT.resolve("template.yaml")));
    assertThat(pictured)
        .as(
            "README.md's diagram; regenerate it with: java -jar local/target/"
                + "studio-lifecycle-local.jar asl diagram statemachine/studio-user-lifecycle.asl.json")
        .isEqualTo(current);
  }
}
