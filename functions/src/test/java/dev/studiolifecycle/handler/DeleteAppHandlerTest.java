package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.model.DeleteAppInput;
import dev.studiolifecycle.model.DeleteAppResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.service.AppDeletionService;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DeleteAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;

class DeleteAppHandlerTest {

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final DeleteAppHandler handler = new DeleteAppHandler(new AppDeletionService(sageMaker));

  @ParameterizedTest
  @Event(value = "delete-app/delete-app.json", type = DeleteAppInput.class)
  void deletesTheAppOfTheFixture(DeleteAppInput input) {
    DeleteAppResult result = handler.handleRequest(input, new TestContext());
    assertThat(result.outcome()).isEqualTo(DeletionOutcome.DELETING);
    ArgumentCaptor<DeleteAppRequest> sent = ArgumentCaptor.forClass(DeleteAppRequest.class);
    verify(sageMaker).deleteApp(sent.capture());
    assertThat(sent.getValue().spaceName()).isEqualTo("jane-doe-private");
    assertThat(sent.getValue().appTypeAsString()).isEqualTo("JupyterLab");
  }

  @ParameterizedTest
  @Event(value = "delete-app/delete-app.json", type = DeleteAppInput.class)
  void anAppAlreadyDeletingIsDone(DeleteAppInput input) {
    when(sageMaker.deleteApp(any(DeleteAppRequest.class))).thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.DELETING).build());
    assertThat(handler.handleRequest(input, new TestContext()).outcome())
        .isEqualTo(DeletionOutcome.ALREADY_DELETING);
  }

  @ParameterizedTest
  @Event(value = "delete-app/delete-space.json", type = DeleteAppInput.class)
  void deletesTheSpaceOfTheFixture(DeleteAppInput input) {
    DeleteAppResult result = handler.handleRequest(input, new TestContext());
    assertThat(result.space().spaceName()).isEqualTo("jane-doe-private");
    verify(sageMaker).deleteSpace(any(DeleteSpaceRequest.class));
  }

  @Test
  void buildsFromAFunctionEnvironment() {
    assertThat(new DeleteAppHandler(Map.of())).isNotNull();
  }
}
