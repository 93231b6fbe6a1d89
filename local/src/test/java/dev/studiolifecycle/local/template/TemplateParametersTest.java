package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template's Parameters as CloudFormation takes them (User Guide, "CloudFormation template
 * Parameters syntax"): what it refuses before creating anything, the local deployment refuses too,
 * naming the parameter.
 */
class TemplateParametersTest {

  private static final String RESOURCES = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n";

  private static SamTemplate parse(String parameters, Map<String, String> values) {
    return SamTemplate.parse(
        "Parameters:\n" + parameters + RESOURCES, Path.of("inline/template.yaml"), values);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "  Stage: {Default: dev}|Parameters.Stage: CloudFormation refuses the template: Template"
            + " format error: Every Parameters object must contain a Type member.",
        "  Stage: {Type: string, Default: dev}|Parameters.Stage.Type: CloudFormation refuses the"
            + " template: Template format error: Unrecognized parameter type: string",
        "  Count: {Type: Integer, Default: 1}|Parameters.Count.Type: CloudFormation refuses the"
            + " template: Template format error: Unrecognized parameter type: Integer",
        "  Stage_Name: {Type: String, Default: dev}|Parameters.Stage_Name: a parameter's logical id"
            + " is letters and digits only",
        "  Vpc: {Type: 'AWS::EC2::VPC::Id', Default: vpc-1}|Parameters.Vpc.Type: AWS::EC2::VPC::Id"
            + " is looked up or checked in the account by CloudFormation, which the local runtime"
            + " does not do; give the value as a String",
        "  Ports: {Type: 'List<Number>', Default: '80,http'}|Parameters.Ports: 'http' is not a"
            + " number (its Type is List<Number>)"
      })
  void whatCloudFormationRefusesInParametersIsRefusedNamingTheParameter(
      String parameters, String refusal) {
    assertThatThrownBy(() -> parse(parameters + "\n", Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessage(refusal);
  }

  @Test
  void aListOfNumbersIsAListOfItsNumbers() {
    SamTemplate template =
        SamTemplate.parse(
            "Parameters:\n  Ports: {Type: 'List<Number>', Default: '80, 443'}\nResources:\n"
                + "  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                + "      DisplayName: !Join ['-', !Ref Ports]\n",
            Path.of("inline/template.yaml"),
            Map.of());

    assertThat(template.resolvedResources().get("Topic").at("/Properties/DisplayName").asText())
        .isEqualTo("80-443");
  }

  @Test
  void atMostTwoHundredParameters() {
    StringBuilder parameters = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      parameters.append("  P").append(i).append(": {Type: String, Default: x}\n");
    }
    assertThat(parse(parameters.toString(), Map.of()).topics()).hasSize(1);
    assertThatThrownBy(() -> parse(parameters + "  P200: {Type: String, Default: x}\n", Map.of()))
        .hasMessage("Parameters: 201 parameters; a template declares at most 200");
  }
}
