package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.time.VirtualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda blocks creating functions on a Java runtime from the "block function create" date of the
 * developer guide's table ("Building Lambda functions with Java"; "Runtime deprecation"), so
 * CloudFormation's CreateFunction fails for a template that names it. The local deployment is
 * judged on the later of the simulation's day and this machine's, and refuses such a template,
 * naming the function and the property.
 */
class FunctionRuntimeDeploymentTest {

  private static final Instant BLOCK_DAY_OF_JAVA17 = Instant.parse("2027-07-31T00:00:00Z");

  @TempDir Path project;

  @Test
  void aFunctionOnJava17IsRefusedFromTheDayLambdaBlocksCreatingIt() {
    LifecycleSimulation.deployEdited(project, Map.of("Runtime: java21", "Runtime: java17"));

    assertThatThrownBy(() -> deployAt(BLOCK_DAY_OF_JAVA17).close())
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "Resources.ValidateFunction.Properties.Runtime: Lambda's CreateFunction answered"
                + " InvalidParameterValueException on 2027-07-31: The runtime parameter of java17"
                + " is no longer supported for creating or updating AWS Lambda functions.");
  }

  @Test
  void theTemplatesJava21FunctionsAreCreatedOnThatDay() {
    LifecycleSimulation.deployEdited(project, Map.of());

    try (LocalWorkflowRuntime runtime = deployAt(BLOCK_DAY_OF_JAVA17)) {
      assertThat(runtime.template().functions().values())
          .isNotEmpty()
          .allSatisfy(function -> assertThat(function.runtime()).isEqualTo("java21"));
    }
  }

  private LocalWorkflowRuntime deployAt(Instant day) {
    return LocalWorkflowRuntime.builder(project)
        .scenario(LifecycleSimulation.scenario("reconcile.json", null))
        .clock(new VirtualClock(day))
        .build();
  }
}
