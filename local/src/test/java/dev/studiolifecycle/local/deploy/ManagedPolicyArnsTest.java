package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.emulator.iam.AwsManagedPolicies;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.service.ExecutionRoleProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every AWS managed policy ARN the project names exists: in the template, the functions, the local
 * runtime, the event files, the README and the tests. A wrong path or name (the Canvas forecast
 * policy lives under {@code /service-role/}) fails here, not at AttachRolePolicy after deploy.
 */
class ManagedPolicyArnsTest {

  /** Names in this project never contain a comma, so a comma ends an ARN in a list. */
  private static final Pattern AWS_POLICY_ARN =
      Pattern.compile("arn:aws:iam::aws:policy/[A-Za-z0-9+=.@_/-]*[A-Za-z0-9+=.@_-]");

  /** Tests that name wrong ARNs on purpose, to prove that they are refused or absent. */
  private static final List<Path> REFUSAL_TESTS =
      List.of(
          Path.of("local/src/test/java/dev/studiolifecycle/local/emulator/iam"),
          Path.of("local/src/test/java/dev/studiolifecycle/local/workflow/FunctionRoleTest.java"),
          Path.of(
              "local/src/test/java/dev/studiolifecycle/local/deploy/ManagedPolicyArnsTest.java"));

  private static final Set<String> SCANNED = Set.of("template.yaml", "README.md");

  @Test
  void everyAwsManagedPolicyArnInTheProjectIsInTheCatalogue() throws IOException {
    List<String> unknown = new ArrayList<>();
    int seen = 0;
    for (Path file : projectFiles()) {
      Matcher matcher = AWS_POLICY_ARN.matcher(read(file));
      while (matcher.find()) {
        seen++;
        if (AwsManagedPolicies.catalogue().byArn(matcher.group()).isEmpty()) {
          unknown.add(ProjectFiles.root().relativize(file) + ": " + matcher.group());
        }
      }
    }
    assertThat(seen).as("AWS managed policy ARNs found").isGreaterThan(20);
    assertThat(unknown).as("ARNs of AWS managed policies that do not exist").isEmpty();
  }

  @Test
  void thePoliciesCreateExecutionRoleBuildsFromNamesExist() {
    for (String name :
        List.of(
            ExecutionRoleProvisioner.CANVAS_FULL_ACCESS,
            ExecutionRoleProvisioner.CANVAS_AI_SERVICES,
            ExecutionRoleProvisioner.CANVAS_FORECAST)) {
      String arn = "arn:aws:iam::aws:policy/" + name;
      assertThat(AwsManagedPolicies.catalogue().byArn(arn)).as(arn).isPresent();
    }
  }

  @Test
  void theTemplatesAllowListDefaultsAndConditionNameOnlyAttachablePolicies() {
    SamTemplate template = ProjectFiles.template();
    Map<String, String> environment =
        template.function("CreateExecutionRoleFunction").orElseThrow().environment();
    List<String> named = new ArrayList<>();
    for (String variable : List.of("ALLOWED_POLICY_ARNS", "DEFAULT_POLICY_ARNS")) {
      for (String arn : environment.get(variable).split(",")) {
        named.add(arn.strip());
      }
    }
    for (PolicyStatement statement :
        template.policies("CreateExecutionRoleFunction").statements()) {
      statement
          .condition()
          .findValues("iam:PolicyARN")
          .forEach(values -> values.forEach(value -> named.add(value.asText())));
    }
    assertThat(named).hasSizeGreaterThan(8);
    for (String arn : named) {
      assertThat(AwsManagedPolicies.catalogue().byArn(arn))
          .as(arn)
          .hasValueSatisfying(policy -> assertThat(policy.forServiceLinkedRole()).isFalse());
    }
  }

  @Test
  void theCatalogueHasNoForecastPolicyOutsideServiceRole() {
    assertThat(
            AwsManagedPolicies.catalogue()
                .byArn("arn:aws:iam::aws:policy/AmazonSageMakerCanvasForecastAccess"))
        .isEmpty();
    assertThat(
            AwsManagedPolicies.catalogue()
                .byArn("arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess"))
        .hasValueSatisfying(policy -> assertThat(policy.defaultDocument()).isPresent());
  }

  private static List<Path> projectFiles() throws IOException {
    Path root = ProjectFiles.root();
    List<Path> files = new ArrayList<>();
    SCANNED.forEach(name -> files.add(root.resolve(name)));
    for (String folder : List.of("events", "functions/src", "local/src")) {
      try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
        walk.filter(Files::isRegularFile)
            .filter(file -> REFUSAL_TESTS.stream().noneMatch(root.relativize(file)::startsWith))
            .forEach(files::add);
      }
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (MalformedInputException e) {
      return ""; // not text
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
