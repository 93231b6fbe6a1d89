package dev.studiolifecycle.local.asl.task.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.sagemaker.model.ListAppsResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

class SdkShapeJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String singleQuoted) throws Exception {
    return MAPPER.readTree(singleQuoted.replace('\'', '"'));
  }

  @Test
  void membersOfCamelCaseServicesAreWrittenInPascalCase() throws Exception {
    Object request =
        SdkShapeJson.build(
            SdkShapeJson.newBuilder(StartExecutionRequest.class),
            json("{'StateMachineArn': 'arn', 'Name': 'run-1', 'Input': '{}'}"),
            "Parameters");

    assertThat(request)
        .isEqualTo(
            StartExecutionRequest.builder()
                .stateMachineArn("arn")
                .name("run-1")
                .input("{}")
                .build());
    assertThat(
            SdkShapeJson.toJson(
                DescribeExecutionResponse.builder()
                    .executionArn("e")
                    .status("SUCCEEDED")
                    .startDate(Instant.parse("2026-01-05T09:00:00Z"))
                    .build()))
        .isEqualTo(
            json(
                "{'ExecutionArn': 'e', 'Status': 'SUCCEEDED', "
                    + "'StartDate': '2026-01-05T09:00:00.000Z'}"));
  }

  @Test
  void aMemberNamedEqualsIsEqualsValue() {
    SdkField<String> equals = member("equals");
    SdkField<String> other = member("EqualsTo");

    assertThat(SdkShapeJson.jsonName(equals)).isEqualTo("EqualsValue");
    assertThat(SdkShapeJson.jsonName(other)).isEqualTo("EqualsTo");
  }

  private static SdkField<String> member(String name) {
    return SdkField.builder(MarshallingType.STRING)
        .memberName(name)
        .traits(
            LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(name).build())
        .build();
  }

  @Test
  void nestedStructuresListsMapsAndBlobsConvertBothWays() throws Exception {
    PublishRequest publish =
        (PublishRequest)
            SdkShapeJson.build(
                SdkShapeJson.newBuilder(PublishRequest.class),
                json(
                    "{'TopicArn': 't', 'Message': 'm', 'MessageAttributes': {"
                        + "'outcome': {'DataType': 'String', 'StringValue': 'SUCCEEDED'},"
                        + "'raw': {'DataType': 'Binary', 'BinaryValue': 'aGk='}}}"),
                "Parameters");
    assertThat(publish.messageAttributes().get("outcome").stringValue()).isEqualTo("SUCCEEDED");
    assertThat(publish.messageAttributes().get("raw").binaryValue().asUtf8String()).isEqualTo("hi");
    assertThat(
            SdkShapeJson.toJson(
                MessageAttributeValue.builder()
                    .dataType("Binary")
                    .binaryValue(SdkBytes.fromUtf8String("hi"))
                    .build()))
        .isEqualTo(json("{'DataType': 'Binary', 'BinaryValue': 'aGk='}"));

    CreateRoleRequest role =
        (CreateRoleRequest)
            SdkShapeJson.build(
                SdkShapeJson.newBuilder(CreateRoleRequest.class),
                json(
                    "{'RoleName': 'r', 'MaxSessionDuration': 3600, "
                        + "'Tags': [{'Key': 'a', 'Value': '1'}, {'Key': 'b', 'Value': '2'}]}"),
                "Parameters");
    assertThat(role.tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("a=1", "b=2");
    assertThat(role.maxSessionDuration()).isEqualTo(3600);
  }

  @Test
  void membersNotSetAreLeftOutOfResults() throws Exception {
    assertThat(SdkShapeJson.toJson(ListAppsResponse.builder().build())).isEmpty();
    assertThat(SdkShapeJson.toJson(ListAppsResponse.builder().nextToken("n").build()))
        .isEqualTo(json("{'NextToken': 'n'}"));
  }

  @Test
  void timestampsAreReadFromIsoTextOrEpochSeconds() throws Exception {
    DescribeExecutionResponse parsed =
        (DescribeExecutionResponse)
            SdkShapeJson.build(
                SdkShapeJson.newBuilder(DescribeExecutionResponse.class),
                json("{'StartDate': '2026-01-05T10:00:00.250+01:00', 'StopDate': 1767607200.5}"),
                "Result");
    assertThat(parsed.startDate()).isEqualTo(Instant.parse("2026-01-05T09:00:00.250Z"));
    assertThat(parsed.stopDate()).isEqualTo(Instant.parse("2026-01-05T10:00:00.500Z"));
  }

  @Test
  void valuesThatDoNotFitTheirShapeNameTheMemberAndTheRule() {
    assertThatThrownBy(
            () ->
                SdkShapeJson.build(
                    SdkShapeJson.newBuilder(CreateRoleRequest.class),
                    json("{'RoleName': 'r', 'Tags': [{'Key': 'a', 'Colour': 'red'}]}"),
                    "Parameters"))
        .hasMessage("Parameters.Tags[0].Colour: no such member (it has: Key, Value)");
    assertThatThrownBy(
            () ->
                SdkShapeJson.build(
                    SdkShapeJson.newBuilder(CreateRoleRequest.class),
                    json("{'MaxSessionDuration': 1.5}"),
                    "Parameters"))
        .hasMessageContaining("Parameters.MaxSessionDuration: must be an integer");
    assertThatThrownBy(
            () ->
                SdkShapeJson.build(
                    SdkShapeJson.newBuilder(CreateRoleRequest.class),
                    json("{'RoleName': ['r']}"),
                    "Parameters"))
        .hasMessage("Parameters.RoleName: must be a string, got ARRAY");
    assertThatThrownBy(
            () ->
                SdkShapeJson.build(
                    SdkShapeJson.newBuilder(PublishRequest.class),
                    json("{'MessageAttributes': {'x': {'BinaryValue': '***'}}}"),
                    "Parameters"))
        .hasMessageContaining("Parameters.MessageAttributes.x.BinaryValue: must be base64");
    assertThatThrownBy(
            () ->
                SdkShapeJson.build(
                    SdkShapeJson.newBuilder(DescribeExecutionResponse.class),
                    json("{'StartDate': 'yesterday'}"),
                    "Result"))
        .hasMessageContaining("Result.StartDate: must be an ISO-8601 timestamp");
  }
}
