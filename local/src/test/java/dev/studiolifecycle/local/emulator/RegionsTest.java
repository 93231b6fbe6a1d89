package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/**
 * The emulator serves any Region of the aws partition a client signs for: each Region has its own
 * SageMaker, SNS, SSM, DynamoDB and Identity Center, empty until used, with that Region in their
 * ARNs and URLs; IAM, STS and S3 are global; Step Functions runs in the emulator's own Region.
 */
class RegionsTest {

  private AwsEmulator emulator;
  private EmulatorClients home;
  private EmulatorClients ireland;
  private String role;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().build().start();
    home = new EmulatorClients(emulator);
    ireland = new EmulatorClients(emulator, Region.EU_WEST_1);
    role = emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("studio-user"));
  }

  @AfterEach
  void stop() {
    home.close();
    ireland.close();
    emulator.close();
  }

  @Test
  void aDomainMadeInOneRegionHasThatRegionsArnAndUrlAndIsNotSeenFromAnother() {
    String domainId =
        ireland
            .sageMaker
            .createDomain(
                r ->
                    r.domainName("eu")
                        .authMode("IAM")
                        .defaultUserSettings(s -> s.executionRole(role)))
            .domainId();

    var described = ireland.sageMaker.describeDomain(r -> r.domainId(domainId));
    assertThat(described.domainArn())
        .isEqualTo("arn:aws:sagemaker:eu-west-1:123456789012:domain/" + domainId);
    assertThat(described.url())
        .isEqualTo("https://" + domainId + ".studio.eu-west-1.sagemaker.aws");
    assertThat(ireland.sageMaker.listDomains(r -> {}).domains()).hasSize(1);

    assertThat(home.sageMaker.listDomains(r -> {}).domains()).isEmpty();
    assertThatThrownBy(() -> home.sageMaker.describeDomain(r -> r.domainId(domainId)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("arn:aws:sagemaker:us-east-1:123456789012:domain/" + domainId);
  }

  @Test
  void topicsAreRegionalAndTheirArnsNameTheirRegion() {
    String euTopic = ireland.sns.createTopic(r -> r.name("notifications")).topicArn();
    String usTopic = home.sns.createTopic(r -> r.name("notifications")).topicArn();

    assertThat(euTopic).isEqualTo("arn:aws:sns:eu-west-1:123456789012:notifications");
    assertThat(usTopic).isEqualTo("arn:aws:sns:us-east-1:123456789012:notifications");
    assertThat(ireland.sns.listTopics().topics())
        .extracting(t -> t.topicArn())
        .containsExactly(euTopic);
    // Publishing from one Region to another's topic ARN: that Region has no such topic here.
    assertThatThrownBy(() -> ireland.sns.publish(r -> r.topicArn(usTopic).message("hi")))
        .isInstanceOf(AwsServiceException.class);
  }

  @Test
  void iamIsGlobalSoARoleMadeThroughAnyRegionIsOneRole() {
    String created =
        ireland
            .iam
            .createRole(
                r ->
                    r.roleName("made-in-ireland")
                        .assumeRolePolicyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"},"
                                + "\"Action\":\"sts:AssumeRole\"}]}"))
            .role()
            .arn();

    assertThat(created).isEqualTo("arn:aws:iam::123456789012:role/made-in-ireland");
    assertThat(home.iam.getRole(r -> r.roleName("made-in-ireland")).role().arn())
        .isEqualTo(created);
  }

  @Test
  void stepFunctionsIsServedInTheEmulatorsOwnRegionOnly() {
    assertThatThrownBy(() -> ireland.sfn.listStateMachines())
        .isInstanceOf(AwsServiceException.class)
        .hasMessageContaining("serves 'states' in us-east-1 only")
        .hasMessageContaining("signed for eu-west-1");
  }

  @Test
  void aRegionOutsideTheAwsPartitionOrNoRegionAtAllIsRefused() {
    for (Region region :
        new Region[] {Region.of("moon-1"), Region.CN_NORTH_1, Region.US_GOV_WEST_1}) {
      try (EmulatorClients elsewhere = new EmulatorClients(emulator, region)) {
        assertThatThrownBy(() -> elsewhere.sns.listTopics())
            .as(region.id())
            .isInstanceOf(AwsServiceException.class)
            .hasMessageContaining(
                "Credential should be scoped to a valid region, not '" + region.id() + "'");
      }
    }
  }
}
