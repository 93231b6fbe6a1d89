package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The state machine definition and its DefinitionSubstitutions fit each other exactly. */
class DefinitionSubstitutionsTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  private final SamTemplate template = ProjectFiles.template();
  private final StateMachineResource machine =
      template.stateMachine(ProjectFiles.STATE_MACHINE).orElseThrow();

  @Test
  void everyPlaceholderHasASubstitutionAndEverySubstitutionIsUsed() throws IOException {
    String text = Files.readString(machine.definitionPath().orElseThrow());
    Set<String> placeholders = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      placeholders.add(matcher.group(1));
    }
    assertThat(placeholders).isNotEmpty();
    assertThat(machine.substitutions().keySet())
        .as("substitutions without a placeholder")
        .isSubsetOf(placeholders);
    assertThat(placeholders)
        .as("placeholders without a substitution")
        .isSubsetOf(machine.substitutions().keySet());
    assertThat(machine.definition()).doesNotContain("${");
  }

  @Test
  void lambdaTasksCallTheAliasesOfTheTemplatesFunctions() throws IOException {
    List<String> resources = new ArrayList<>();
    collectResources(ProjectFiles.JSON.readTree(machine.definition()), resources);
    Set<String> aliases = new TreeSet<>();
    for (FunctionDefinition function : template.functions().values()) {
      function.aliasArn().ifPresent(aliases::add);
    }
    List<String> lambdaResources =
        resources.stream().filter(r -> r.startsWith("arn:aws:lambda:")).toList();
    assertThat(lambdaResources).isNotEmpty();
    assertThat(aliases)
        .as("every Lambda task calls a published alias (SnapStart)")
        .containsAll(lambdaResources);
    assertThat(resources)
        .allMatch(
            r ->
                r.startsWith("arn:aws:lambda:")
                    || r.equals("arn:aws:states:::sns:publish")
                    // One offboarding per served domain, of this very state machine.
                    || r.equals("arn:aws:states:::aws-sdk:sfn:startExecution"));
  }

  private static void collectResources(JsonNode node, List<String> resources) {
    if (node.isObject()) {
      JsonNode type = node.get("Type");
      if (type != null && type.asText().equals("Task")) {
        resources.add(node.get("Resource").asText());
      }
      node.elements().forEachRemaining(child -> collectResources(child, resources));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectResources(child, resources));
    }
  }
}
