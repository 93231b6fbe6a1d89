package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.StatusMode;
import dev.studiolifecycle.model.StatusReport;
import dev.studiolifecycle.service.StatusChecker;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class CheckStatusHandlerTest {

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final CheckStatusHandler handler = new CheckStatusHandler(new StatusChecker(sageMaker));

  @ParameterizedTest
  @Event(value = "check-status/await-profile-ready.json", type = CheckStatusInput.class)
  void reportsAProfileStillPending(CheckStatusInput input) {
    assertThat(input.mode()).isEqualTo(StatusMode.AWAIT_READY);
    assertThat(input.apps()).isEmpty();
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder().status(UserProfileStatus.PENDING).build());
    StatusReport report = handler.handleRequest(input, new TestContext());
    assertThat(report.complete()).isFalse();
    assertThat(report.inProgress()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "check-status/await-apps-deleted.json", type = CheckStatusInput.class)
  void reportsDeletionOfTheFixturesAppsAndSpaces(CheckStatusInput input) {
    assertThat(input.apps()).hasSize(2);
    assertThat(input.spaces()).hasSize(1);
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.DELETED).build());
    when(sageMaker.describeSpace(any(DescribeSpaceRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    StatusReport report = handler.handleRequest(input, new TestContext());
    assertThat(report.done()).hasSize(3);
    assertThat(report.complete()).isTrue();
    assertThat(report.anyFailed()).isFalse();
  }

  @Test
  void buildsFromAFunctionEnvironment() {
    assertThat(new CheckStatusHandler(Map.of())).isNotNull();
  }
}
