package dev.studiolifecycle.service;

import dev.studiolifecycle.model.AppRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesRequest;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Read-only SageMaker look-ups several steps share: a profile, app or space that may not exist, and
 * a resource's tags (all pages).
 */
public final class StudioLookups {

  private final SageMakerClient sageMaker;

  public StudioLookups(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  /** The user profile, or empty when SageMaker does not know it. */
  public Optional<DescribeUserProfileResponse> profile(String domainId, String userProfileName) {
    DescribeUserProfileRequest request =
        DescribeUserProfileRequest.builder()
            .domainId(domainId)
            .userProfileName(userProfileName)
            .build();
    try {
      return Optional.of(sageMaker.describeUserProfile(request));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The app, or empty when SageMaker does not know it. */
  public Optional<DescribeAppResponse> app(AppRef app) {
    DescribeAppRequest request =
        DescribeAppRequest.builder()
            .domainId(app.domainId())
            .userProfileName(app.userProfileName())
            .spaceName(app.spaceName())
            .appType(app.appType())
            .appName(app.appName())
            .build();
    try {
      return Optional.of(sageMaker.describeApp(request));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The space, or empty when SageMaker does not know it. */
  public Optional<DescribeSpaceResponse> space(String domainId, String spaceName) {
    DescribeSpaceRequest request =
        DescribeSpaceRequest.builder().domainId(domainId).spaceName(spaceName).build();
    try {
      return Optional.of(sageMaker.describeSpace(request));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Every user profile of the domain with its tags, by name in ListUserProfiles' order (every page;
   * the profile ARNs follow the domain's, {@code ...:user-profile/<domain id>/<name>}).
   */
  public Map<String, Map<String, String>> profilesWithTags(String domainArn, String domainId) {
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    String prefix = domainArn.replace(":domain/", ":user-profile/") + "/";
    sageMaker
        .listUserProfilesPaginator(
            ListUserProfilesRequest.builder().domainIdEquals(domainId).build())
        .userProfiles()
        .forEach(
            profile ->
                profiles.put(profile.userProfileName(), tags(prefix + profile.userProfileName())));
    return profiles;
  }

  /** Every tag of a SageMaker resource, following ListTags' pages. */
  public Map<String, String> tags(String resourceArn) {
    Map<String, String> tags = new LinkedHashMap<>();
    String token = null;
    do {
      ListTagsResponse response =
          sageMaker.listTags(
              ListTagsRequest.builder().resourceArn(resourceArn).nextToken(token).build());
      for (Tag tag : response.tags()) {
        tags.put(tag.key(), tag.value());
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return tags;
  }

  /** SageMaker's status, or {@code unknown} when the response carries none. */
  public static <E extends Enum<E>> E known(E status, E unknown) {
    return status == null ? unknown : status;
  }
}
