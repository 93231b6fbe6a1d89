package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.testing.AwsErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

class StudioLookupsTest {

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final StudioLookups lookups = new StudioLookups(sageMaker);

  @Test
  void describesAProfileByDomainAndName() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(DescribeUserProfileResponse.builder().userProfileArn("arn:p").build());
    assertThat(lookups.profile("d-a", "jane")).isPresent();
    ArgumentCaptor<DescribeUserProfileRequest> sent =
        ArgumentCaptor.forClass(DescribeUserProfileRequest.class);
    verify(sageMaker).describeUserProfile(sent.capture());
    assertThat(sent.getValue().domainId()).isEqualTo("d-a");
    assertThat(sent.getValue().userProfileName()).isEqualTo("jane");
  }

  @Test
  void aMissingProfileAppOrSpaceIsEmpty() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    when(sageMaker.describeSpace(any(DescribeSpaceRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(lookups.profile("d-a", "jane")).isEmpty();
    assertThat(lookups.app(new AppRef("d-a", "jane", null, "JupyterLab", "default", null)))
        .isEmpty();
    assertThat(lookups.space("d-a", "s")).isEmpty();
  }

  @Test
  void describesAnAppOfAUserOrASpace() {
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.IN_SERVICE).build());
    lookups.app(new AppRef("d-a", null, "jane-private", "JupyterLab", "default", null));
    ArgumentCaptor<DescribeAppRequest> sent = ArgumentCaptor.forClass(DescribeAppRequest.class);
    verify(sageMaker).describeApp(sent.capture());
    assertThat(sent.getValue().domainId()).isEqualTo("d-a");
    assertThat(sent.getValue().spaceName()).isEqualTo("jane-private");
    assertThat(sent.getValue().userProfileName()).isNull();
    assertThat(sent.getValue().appTypeAsString()).isEqualTo("JupyterLab");
    assertThat(sent.getValue().appName()).isEqualTo("default");
  }

  @Test
  void readsTagsAcrossPages() {
    when(sageMaker.listTags(any(ListTagsRequest.class)))
        .thenReturn(
            ListTagsResponse.builder()
                .tags(Tag.builder().key("a").value("1").build())
                .nextToken("page-2")
                .build())
        .thenReturn(
            ListTagsResponse.builder().tags(Tag.builder().key("b").value("2").build()).build());
    assertThat(lookups.tags("arn:p")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    ArgumentCaptor<ListTagsRequest> sent = ArgumentCaptor.forClass(ListTagsRequest.class);
    verify(sageMaker, times(2)).listTags(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(ListTagsRequest::nextToken)
        .containsExactly(null, "page-2");
    assertThat(sent.getAllValues()).extracting(ListTagsRequest::resourceArn).containsOnly("arn:p");
  }

  @Test
  void readsAMissingStatusAsUnknown() {
    assertThat(StudioLookups.known(null, AppStatus.UNKNOWN_TO_SDK_VERSION))
        .isEqualTo(AppStatus.UNKNOWN_TO_SDK_VERSION);
    assertThat(StudioLookups.known(AppStatus.DELETED, AppStatus.UNKNOWN_TO_SDK_VERSION))
        .isEqualTo(AppStatus.DELETED);
  }
}
