package dev.studiolifecycle.local.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * RestoreAccessFunction changes only profiles the workflow manages: template.yaml's statement
 * carries {@code aws:ResourceTag/managed-by}, and the emulator gives a profile's tags to the calls
 * on it. A profile someone made by hand is refused at the call, whatever the code asks.
 */
class ManagedProfileConditionTest {

  private static final String DOMAIN = "d-studiolocal01";

  private AwsEmulator emulator;
  private SageMakerClient restoreAccess;

  @BeforeEach
  void start() {
    emulator = AuthorizedEmulator.start(DOMAIN);
    restoreAccess =
        SageMakerClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.of(LocalAccount.REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("fn", "fn")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putHeader(ServiceRequest.CALLER_HEADER, "RestoreAccessFunction"))
            .build();
  }

  @AfterEach
  void stop() {
    restoreAccess.close();
    emulator.close();
  }

  @Test
  void aProfileOfTheWorkflowIsChangedAndOneMadeByHandIsRefused() {
    emulator
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN, "jane-doe")
                .withTags(Map.of("managed-by", "studio-lifecycle")));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN, "by-hand"));

    restoreAccess.deleteTags(
        r -> r.resourceArn(profileArn("jane-doe")).tagKeys("studio-lifecycle:offboarding"));
    assertThat(
            restoreAccess
                .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("by-hand"))
                .userProfileName())
        .as("reading is not changing")
        .isEqualTo("by-hand");

    assertThatThrownBy(
            () ->
                restoreAccess.updateUserProfile(
                    r ->
                        r.domainId(DOMAIN)
                            .userProfileName("by-hand")
                            .userSettings(u -> u.studioWebPortal("ENABLED"))))
        .isInstanceOf(SageMakerException.class)
        .hasMessageContaining("sagemaker:UpdateUserProfile")
        .hasMessageContaining("RestoreAccessFunction");
    assertThatThrownBy(
            () ->
                restoreAccess.addTags(
                    r ->
                        r.resourceArn(profileArn("by-hand"))
                            .tags(t -> t.key("studio-lifecycle:studio-assignment").value("USER"))))
        .isInstanceOf(SageMakerException.class)
        .hasMessageContaining("sagemaker:AddTags");
    assertThat(emulator.sageMaker().tagsOf(profileArn("by-hand"))).isEmpty();
  }

  private static String profileArn(String name) {
    return LocalAccount.arn("sagemaker", "user-profile/" + DOMAIN + "/" + name);
  }
}
