package dev.studiolifecycle.local.emulator.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Parameter Store over the real SDK: the rules of PutParameter and GetParameter's answers. */
class SsmServiceTest {

  private static final String NAME = "/studio-lifecycle/stack/team-settings";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final SsmClient ssm = aws.clients().ssm;

  @Test
  void putThenGetAnswersTheValueVersionAndArn() {
    assertThat(
            ssm.putParameter(r -> r.name(NAME).type(ParameterType.STRING).value("{\"teams\": {}}"))
                .version())
        .isEqualTo(1L);
    assertThat(ssm.putParameter(r -> r.name(NAME).overwrite(true).value("{}")).version())
        .as("an overwrite keeps the type and counts a version")
        .isEqualTo(2L);

    GetParameterResponse got = ssm.getParameter(r -> r.name(NAME));

    assertThat(got.parameter().value()).isEqualTo("{}");
    assertThat(got.parameter().type()).isEqualTo(ParameterType.STRING);
    assertThat(got.parameter().version()).isEqualTo(2L);
    assertThat(got.parameter().arn())
        .isEqualTo(
            "arn:aws:ssm:us-east-1:123456789012:parameter/studio-lifecycle/stack/team-settings");
  }

  @Test
  void anExistingNameIsNotOverwrittenUnlessAskedAndAMissingOneIsNotFound() {
    ssm.putParameter(r -> r.name(NAME).type(ParameterType.STRING).value("a"));

    assertThatThrownBy(() -> ssm.putParameter(r -> r.name(NAME).value("b")))
        .isInstanceOf(ParameterAlreadyExistsException.class);
    assertThat(ssm.getParameter(r -> r.name(NAME)).parameter().value()).isEqualTo("a");
    assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/studio-lifecycle/none")))
        .isInstanceOf(ParameterNotFoundException.class);
  }

  @Test
  void aNameOutsideTheApiModelsLengthsIsInvalidNotMissing() {
    // GetParameter's Name is 1 to 2,048 characters (SSM API model): such a name is refused as
    // invalid before any parameter is looked up, never answered ParameterNotFound.
    for (String bad : new String[] {"", "/" + "a".repeat(2048)}) {
      assertThatThrownBy(() -> ssm.getParameter(r -> r.name(bad)))
          .as(bad.isEmpty() ? "empty" : "2,049 characters")
          .isInstanceOfSatisfying(
              SsmException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
          .hasMessageContaining("at 'name' failed to satisfy constraint: Member must have length");
    }
  }

  @Test
  void namesBreakingPutParametersNamingConstraintsAreRefused() {
    for (String bad :
        new String[] {"/aws/x", "SSM-settings", "team settings", "teams/settings", "/a/b:1"}) {
      assertThatThrownBy(
              () -> ssm.putParameter(r -> r.name(bad).type(ParameterType.STRING).value("v")))
          .as(bad)
          .isInstanceOf(SsmException.class)
          .satisfies(e -> assertThat(((SsmException) e).statusCode()).isEqualTo(400));
    }
    assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/new").value("v")))
        .as("a new parameter needs a type")
        .hasMessageContaining("A parameter type is required");
    assertThatThrownBy(
            () ->
                ssm.putParameter(
                    r -> r.name("/big").type(ParameterType.STRING).value("x".repeat(4097))))
        .hasMessageContaining("at most 4 KB");
    assertThatThrownBy(
            () ->
                ssm.putParameter(
                    r -> r.name("/secret").type(ParameterType.SECURE_STRING).value("v")))
        .hasMessageContaining("the emulator serves String and StringList parameters");
  }

  @Test
  void aDeploymentSeedsTheParameterOnceAndAgainOnlyWhenItsValueChanges() {
    emulator.ssm().seedParameter(NAME, "String", "a", Instant.EPOCH);
    emulator.ssm().seedParameter(NAME, "String", "a", Instant.EPOCH);
    assertThat(emulator.ssm().parameter(NAME).orElseThrow().version()).isEqualTo(1L);
    emulator.ssm().seedParameter(NAME, "String", "b", Instant.EPOCH);
    assertThat(emulator.ssm().parameter(NAME).orElseThrow().version()).isEqualTo(2L);
  }
}
