package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.StudioUserCaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.ListAppsRequest;
import software.amazon.awssdk.services.sagemaker.model.SharingType;

/**
 * A Studio user working in the emulator: the SageMaker API calls the Studio UI makes when the user
 * opens JupyterLab, Canvas or a private space, through a real SDK client. The workflow does not
 * make these calls; they give an offboarding something to clean up.
 */
public final class StudioUser implements AutoCloseable {

  private final SageMakerClient sageMaker;
  private final S3Client s3;
  private final String domainId;
  private final String userProfileName;

  private StudioUser(
      SageMakerClient sageMaker, S3Client s3, String domainId, String userProfileName) {
    this.sageMaker = sageMaker;
    this.s3 = s3;
    this.domainId = Objects.requireNonNull(domainId, "domainId");
    this.userProfileName = Objects.requireNonNull(userProfileName, "userProfileName");
  }

  /** The user {@code userProfileName} of domain {@code domainId}, calling {@code emulator}. */
  public static StudioUser of(AwsEmulator emulator, String domainId, String userProfileName) {
    String caller = new StudioUserCaller(domainId, userProfileName).header();
    SageMakerClient client = configure(SageMakerClient.builder(), emulator, caller).build();
    S3Client s3 = configure(S3Client.builder(), emulator, caller).forcePathStyle(true).build();
    return new StudioUser(client, s3, domainId, userProfileName);
  }

  private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, AwsEmulator emulator, String caller) {
    return builder
        .endpointOverride(emulator.endpoint())
        .region(Region.of(LocalAccount.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("studio-user", "studio-user")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        // A person clicking in Studio sees an error at once; nothing retries for them. The calls
        // run as the user's execution role, which the emulator evaluates.
        .overrideConfiguration(
            c ->
                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .putHeader(ServiceRequest.CALLER_HEADER, caller));
  }

  public String domainId() {
    return domainId;
  }

  public String userProfileName() {
    return userProfileName;
  }

  /**
   * The user's SageMaker client, for any other call she may make from a Studio terminal with her
   * execution role (the calls above are those the Studio UI makes for her).
   */
  public SageMakerClient sageMaker() {
    return sageMaker;
  }

  /** The user's S3 client (path-style), as her notebooks use it. */
  public S3Client s3() {
    return s3;
  }

  /** Starts an app of the user profile itself (Canvas, for example): its ARN. */
  public String launchApp(String appType, String appName) {
    return sageMaker
        .createApp(
            r ->
                r.domainId(domainId)
                    .userProfileName(userProfileName)
                    .appType(appType)
                    .appName(appName))
        .appArn();
  }

  /** Creates a private space the user owns, for apps of one type: its ARN. */
  public String createPrivateSpace(String spaceName, String appType) {
    return sageMaker
        .createSpace(
            r ->
                r.domainId(domainId)
                    .spaceName(spaceName)
                    .ownershipSettings(o -> o.ownerUserProfileName(userProfileName))
                    .spaceSharingSettings(s -> s.sharingType(SharingType.PRIVATE))
                    .spaceSettings(s -> s.appType(AppType.fromValue(appType))))
        .spaceArn();
  }

  /** Starts an app in one of the user's spaces (JupyterLab, CodeEditor): its ARN. */
  public String launchSpaceApp(String spaceName, String appType, String appName) {
    return sageMaker
        .createApp(r -> r.domainId(domainId).spaceName(spaceName).appType(appType).appName(appName))
        .appArn();
  }

  /** The user's apps and the apps of the spaces the user owns, as ListApps reports them. */
  public List<AppDetails> apps() {
    List<AppDetails> apps = new ArrayList<>();
    sageMaker
        .listAppsPaginator(
            ListAppsRequest.builder()
                .domainIdEquals(domainId)
                .userProfileNameEquals(userProfileName)
                .build())
        .apps()
        .forEach(apps::add);
    sageMaker.listSpacesPaginator(r -> r.domainIdEquals(domainId)).spaces().stream()
        .filter(
            space ->
                space.ownershipSettingsSummary() != null
                    && userProfileName.equals(
                        space.ownershipSettingsSummary().ownerUserProfileName()))
        .forEach(
            space ->
                sageMaker
                    .listAppsPaginator(
                        ListAppsRequest.builder()
                            .domainIdEquals(domainId)
                            .spaceNameEquals(space.spaceName())
                            .build())
                    .apps()
                    .forEach(apps::add));
    return apps;
  }

  @Override
  public void close() {
    sageMaker.close();
    s3.close();
  }
}
