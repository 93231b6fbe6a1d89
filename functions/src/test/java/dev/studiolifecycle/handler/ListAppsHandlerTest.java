package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.model.AppDeletionPlan;
import dev.studiolifecycle.model.ListAppsInput;
import dev.studiolifecycle.service.AppDeletionPlanner;
import dev.studiolifecycle.testing.LogCapture;
import dev.studiolifecycle.testing.TestContext;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListAppsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListAppsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesResponse;

class ListAppsHandlerTest {

  private static final String EXECUTION =
      "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-2026-000987";

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final ListAppsHandler handler = new ListAppsHandler(new AppDeletionPlanner(sageMaker));

  @ParameterizedTest
  @Event(value = "list-apps/list-apps.json", type = ListAppsInput.class)
  void theFixtureMapsToTheInputRecord(ListAppsInput input) {
    assertThat(input.domainId()).isEqualTo("d-abc123def456");
    assertThat(input.userProfileName()).isEqualTo("jane-doe");
    assertThat(input.correlation().requestId()).isEqualTo("hr-2026-000987");
    assertThat(input.correlation().executionArn()).isEqualTo(EXECUTION);
  }

  @ParameterizedTest
  @Event(value = "list-apps/list-apps.json", type = ListAppsInput.class)
  void plansTheDeletionAndLogsWithTheCorrelationIdAndExecution(ListAppsInput input) {
    when(sageMaker.listApps(any(ListAppsRequest.class)))
        .thenReturn(
            ListAppsResponse.builder()
                .apps(
                    AppDetails.builder()
                        .domainId("d-abc123def456")
                        .userProfileName("jane-doe")
                        .appType(AppType.JUPYTER_SERVER)
                        .appName("default")
                        .status(AppStatus.IN_SERVICE)
                        .build())
                .build());
    when(sageMaker.listSpaces(any(ListSpacesRequest.class)))
        .thenReturn(ListSpacesResponse.builder().spaces(List.of()).build());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(DescribeUserProfileResponse.builder().homeEfsFileSystemUid("200005").build());

    AppDeletionPlan plan;
    try (LogCapture logs = LogCapture.start()) {
      plan = handler.handleRequest(input, new TestContext("ListAppsFunction"));
      JsonNode line = logs.lastLineStartingWith("ListApps succeeded");
      assertThat(line.path("correlation_id").asText()).isEqualTo("hr-2026-000987");
      assertThat(line.path("execution_arn").asText()).isEqualTo(EXECUTION);
      assertThat(line.path("user_profile").asText()).isEqualTo("jane-doe");
      assertThat(line.path("function_name").asText()).isEqualTo("ListAppsFunction");
      assertThat(line.path("level").asText()).isEqualTo("INFO");
    }
    assertThat(plan.appsToDelete()).hasSize(1);
    assertThat(plan.homeEfsFileSystemUid()).isEqualTo("200005");
  }
}
