package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A template's Outputs as CloudFormation reads them (User Guide, "CloudFormation template Outputs
 * syntax"): what it refuses stops the local deployment, naming the output and the field.
 */
class StackOutputsTest {

  private static final String TOPIC =
      "Parameters:\n  Stage: {Type: String, Default: dev}\nConditions:\n"
          + "  IsProd: !Equals [!Ref Stage, prod]\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
          + "  ProdTopic:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n";

  private static SamTemplate parse(String outputs) {
    return SamTemplate.parse(
        TOPIC + "Outputs:\n" + outputs, Path.of("inline/template.yaml"), Map.of());
  }

  @Test
  void outputsAreResolvedAndThoseWhoseConditionIsFalseAreNotPartOfTheStack() {
    Map<String, StackOutput> outputs =
        parse(
                "  TopicArn: {Description: Where it goes., Value: !Ref Topic, Export: {Name: !Sub"
                    + " '${AWS::StackName}-topic'}}\n"
                    + "  ProdTopicArn: {Condition: IsProd, Value: !Ref ProdTopic}\n")
            .outputs();

    assertThat(outputs).containsOnlyKeys("TopicArn");
    assertThat(outputs.get("TopicArn"))
        .isEqualTo(
            new StackOutput(
                "TopicArn",
                "Where it goes.",
                "arn:aws:sns:us-east-1:123456789012:Topic",
                "studio-lifecycle-topic"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        // A resource whose Condition is false cannot be named by an output that lacks it.
        "  ProdTopicArn: {Value: !Ref ProdTopic}|Outputs.ProdTopicArn.Value (Ref): resource"
            + " 'ProdTopic' is not created (its condition IsProd is false)",
        "  Topic-Arn: {Value: !Ref Topic}|Outputs.Topic-Arn: an output's logical id is letters and"
            + " digits only",
        "  TopicArn: {Description: x}|Outputs.TopicArn.Value: is required",
        "  TopicArn: {Value: !Ref Topic, Descripton: x}|Outputs.TopicArn.Descripton: not a field of"
            + " an output (Description, Value, Export, Condition)",
        "  TopicArn: {Value: !Ref Topic, Description: !Sub '${AWS::StackName}'}|Outputs.TopicArn"
            + ".Description: a literal string; CloudFormation takes no parameter or function here",
        "  TopicArn: {Value: !Split [',', 'a,b']}|Outputs.TopicArn.Value: comes to [\"a\",\"b\"]; an"
            + " output's value is a string",
        "  A: {Value: !Ref Topic, Export: {Name: shared}}\\n  B: {Value: !Ref Topic, Export: {Name:"
            + " shared}}|Outputs.B.Export.Name: 'shared' is exported by another output too; an"
            + " export's name is unique in the account and Region"
      })
  void whatCloudFormationRefusesInOutputsIsRefusedNamingTheOutput(String outputs, String refusal) {
    assertThatThrownBy(() -> parse(outputs.replace("\\n", "\n") + "\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(refusal);
  }

  @Test
  void aDescriptionOverOneThousandAndTwentyFourBytesIsRefused() {
    assertThat(
            parse("  TopicArn: {Value: !Ref Topic, Description: " + "é".repeat(512) + "}\n")
                .outputs())
        .containsKey("TopicArn");
    assertThatThrownBy(
            () -> parse("  TopicArn: {Value: !Ref Topic, Description: " + "é".repeat(512) + "e}\n"))
        .hasMessage(
            "Outputs.TopicArn.Description: 1025 bytes; an output's description is at most 1024");
  }

  @Test
  void atMostTwoHundredOutputs() {
    StringBuilder outputs = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      outputs.append("  O").append(i).append(": {Value: !Ref Topic}\n");
    }
    assertThat(parse(outputs.toString()).outputs()).hasSize(200);
    assertThatThrownBy(() -> parse(outputs + "  O200: {Value: !Ref Topic}\n"))
        .hasMessage("Outputs: 201 outputs; a template declares at most 200");
  }

  @Test
  void theStackNameIsTheOneSamDeployGivesAndNamesGeneratedFromItFit() {
    String stack = "studio-lifecycle-" + "x".repeat(50);
    Map<String, StackOutput> outputs =
        SamTemplate.parse(
                "Resources:\n  ArchiveBucket:\n    Type: AWS::S3::Bucket\nOutputs:\n"
                    + "  Stack: {Value: !Ref AWS::StackName}\n"
                    + "  Bucket: {Value: !Ref ArchiveBucket}\n",
                Path.of("inline/template.yaml"),
                Map.of(),
                stack)
            .outputs();

    assertThat(outputs.get("Stack").value()).isEqualTo(stack);
    // A bucket CloudFormation names is <stack>-<logical id>-..., in lower case and shortened to
    // a name S3 takes (63 characters at most).
    assertThat(outputs.get("Bucket").value())
        .startsWith("studio-lifecycle-xxxx")
        .hasSizeLessThanOrEqualTo(63)
        .doesNotEndWith("-");
  }
}
