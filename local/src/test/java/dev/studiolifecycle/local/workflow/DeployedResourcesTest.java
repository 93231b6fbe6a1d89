package dev.studiolifecycle.local.workflow;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The template's data stores and topics are created as CloudFormation creates them, through the
 * services' own checks: what the service refuses stops the deployment, naming the resource and in
 * the service's words (Systems Manager API reference, PutParameter, Name; DynamoDB API reference,
 * CreateTable, TableName, AttributeDefinitions and BillingMode; SNS API reference, CreateTopic,
 * Name). In {@code from} and {@code to}, {@code \\n} is a line break.
 */
class DeployedResourcesTest {

  @TempDir Path project;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Name: !Sub /studio-lifecycle/${AWS::StackName}/team-settings|"
            + "Name: !Sub /studio lifecycle/${AWS::StackName}/team-settings|"
            + "Resources.TeamSettingsParameter: CloudFormation cannot create it: Systems Manager"
            + " answered ValidationException: Parameter name: can include only a-zA-Z0-9_.- and /",
        "      BillingMode: PAY_PER_REQUEST\\n|"
            + "      BillingMode: PAY_PER_REQUEST\\n      TableName: ab\\n|"
            + "Resources.EventOrderTable: CloudFormation cannot create it: DynamoDB answered"
            + " ValidationException: 1 validation error detected: Value 'ab' at 'tableName'",
        "      BillingMode: PAY_PER_REQUEST\\n|"
            + "      TableClass: STANDARD\\n|"
            + "Resources.EventOrderTable.Properties.BillingMode: PROVISIONED (the default) needs"
            + " ProvisionedThroughput",
        "        - AttributeName: profile\\n          AttributeType: S\\n|"
            + "        - AttributeName: profile\\n          AttributeType: S\\n"
            + "        - AttributeName: occurredAt\\n          AttributeType: S\\n|"
            + "Resources.EventOrderTable.Properties.AttributeDefinitions: defines 2 attributes for a"
            + " key schema of 1",
        "      DisplayName: studio-lifecycle HR events\\n|"
            + "      DisplayName: studio-lifecycle HR events\\n      TopicName: hr events\\n|"
            + "Resources.HrTopic: topic name 'hr events' must be 1 to 256 letters, digits, '-' or '_'"
      })
  void whatTheServiceRefusesStopsTheDeployment(String from, String to, String refusal) {
    LifecycleSimulation.assertThatDeploymentRefused(project, from, to)
        .hasMessageStartingWith(refusal);
  }
}
