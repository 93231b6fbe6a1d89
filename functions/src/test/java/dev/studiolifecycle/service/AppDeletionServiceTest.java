package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.DeleteAppInput;
import dev.studiolifecycle.model.DeleteAppResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.testing.AwsErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DeleteAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SpaceStatus;

class AppDeletionServiceTest {

  private static final AppRef USER_APP =
      new AppRef("d-a", "jane-doe", null, "JupyterServer", "default", "InService");
  private static final AppRef SPACE_APP =
      new AppRef("d-a", null, "jane-private", "JupyterLab", "default", "InService");
  private static final SpaceRef SPACE = new SpaceRef("d-a", "jane-private", "InService");
  private static final Correlation CORRELATION = new Correlation("hr-1", null);

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final AppDeletionService service = new AppDeletionService(sageMaker);

  @Test
  void deletesAUsersApp() {
    DeleteAppResult result = service.delete(new DeleteAppInput(CORRELATION, USER_APP, null));
    assertThat(result.outcome()).isEqualTo(DeletionOutcome.DELETING);
    ArgumentCaptor<DeleteAppRequest> sent = ArgumentCaptor.forClass(DeleteAppRequest.class);
    verify(sageMaker).deleteApp(sent.capture());
    assertThat(sent.getValue().domainId()).isEqualTo("d-a");
    assertThat(sent.getValue().userProfileName()).isEqualTo("jane-doe");
    assertThat(sent.getValue().spaceName()).isNull();
    assertThat(sent.getValue().appTypeAsString()).isEqualTo("JupyterServer");
    assertThat(sent.getValue().appName()).isEqualTo("default");
  }

  @Test
  void deletesASpacesApp() {
    service.delete(new DeleteAppInput(CORRELATION, SPACE_APP, null));
    ArgumentCaptor<DeleteAppRequest> sent = ArgumentCaptor.forClass(DeleteAppRequest.class);
    verify(sageMaker).deleteApp(sent.capture());
    assertThat(sent.getValue().spaceName()).isEqualTo("jane-private");
    assertThat(sent.getValue().userProfileName()).isNull();
  }

  @Test
  void aMissingAppIsDone() {
    when(sageMaker.deleteApp(any(DeleteAppRequest.class))).thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(service.delete(new DeleteAppInput(CORRELATION, USER_APP, null)).outcome())
        .isEqualTo(DeletionOutcome.NOT_FOUND);
  }

  @ParameterizedTest
  @CsvSource({"Deleted,ALREADY_DELETED", "Deleting,ALREADY_DELETING", "Failed,LEFT_FAILED"})
  void aRefusedDeleteIsDoneWhenTheAppIsGoneGoingOrFailed(String status, DeletionOutcome outcome) {
    when(sageMaker.deleteApp(any(DeleteAppRequest.class)))
        .thenThrow(AwsErrors.sageMakerValidation("App is in " + status + " state"));
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.fromValue(status)).build());
    assertThat(service.delete(new DeleteAppInput(CORRELATION, USER_APP, null)).outcome())
        .isEqualTo(outcome);
  }

  @Test
  void anAppInUseThatVanishedIsNotFound() {
    when(sageMaker.deleteApp(any(DeleteAppRequest.class))).thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(service.delete(new DeleteAppInput(CORRELATION, USER_APP, null)).outcome())
        .isEqualTo(DeletionOutcome.NOT_FOUND);
  }

  @Test
  void aPendingAppIsBusy() {
    when(sageMaker.deleteApp(any(DeleteAppRequest.class))).thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeApp(any(DescribeAppRequest.class)))
        .thenReturn(DescribeAppResponse.builder().status(AppStatus.PENDING).build());
    assertThatThrownBy(() -> service.delete(new DeleteAppInput(CORRELATION, USER_APP, null)))
        .isInstanceOf(ResourceBusy.class)
        .hasMessageStartingWith("JupyterServer app default (user jane-doe) is Pending");
  }

  @Test
  void otherSageMakerErrorsPassThrough() {
    SageMakerException throttled = AwsErrors.sageMakerThrottled();
    when(sageMaker.deleteApp(any(DeleteAppRequest.class))).thenThrow(throttled);
    assertThatThrownBy(() -> service.delete(new DeleteAppInput(CORRELATION, USER_APP, null)))
        .isSameAs(throttled);
    verify(sageMaker, never()).describeApp(any(DescribeAppRequest.class));
  }

  @Test
  void deletesASpace() {
    DeleteAppResult result = service.delete(new DeleteAppInput(CORRELATION, null, SPACE));
    assertThat(result).isEqualTo(new DeleteAppResult(null, SPACE, DeletionOutcome.DELETING));
    ArgumentCaptor<DeleteSpaceRequest> sent = ArgumentCaptor.forClass(DeleteSpaceRequest.class);
    verify(sageMaker).deleteSpace(sent.capture());
    assertThat(sent.getValue().domainId()).isEqualTo("d-a");
    assertThat(sent.getValue().spaceName()).isEqualTo("jane-private");
  }

  @ParameterizedTest
  @CsvSource({"Deleting,ALREADY_DELETING", "Delete_Failed,LEFT_FAILED", "Failed,LEFT_FAILED"})
  void aRefusedSpaceDeleteIsDoneWhenTheSpaceIsGoingOrFailed(
      String status, DeletionOutcome outcome) {
    when(sageMaker.deleteSpace(any(DeleteSpaceRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeSpace(any(DescribeSpaceRequest.class)))
        .thenReturn(DescribeSpaceResponse.builder().status(SpaceStatus.fromValue(status)).build());
    assertThat(service.delete(new DeleteAppInput(CORRELATION, null, SPACE)).outcome())
        .isEqualTo(outcome);
  }

  @Test
  void aSpaceWithAppsLeftIsBusyAndAMissingSpaceIsDone() {
    when(sageMaker.deleteSpace(any(DeleteSpaceRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeSpace(any(DescribeSpaceRequest.class)))
        .thenReturn(DescribeSpaceResponse.builder().status(SpaceStatus.IN_SERVICE).build());
    assertThatThrownBy(() -> service.delete(new DeleteAppInput(CORRELATION, null, SPACE)))
        .isInstanceOf(ResourceBusy.class);

    SageMakerClient other = mock(SageMakerClient.class);
    when(other.deleteSpace(any(DeleteSpaceRequest.class))).thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(
            new AppDeletionService(other)
                .delete(new DeleteAppInput(CORRELATION, null, SPACE))
                .outcome())
        .isEqualTo(DeletionOutcome.NOT_FOUND);
  }

  @Test
  void needsExactlyOneTarget() {
    assertThatThrownBy(() -> service.delete(new DeleteAppInput(CORRELATION, null, null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("app/space: exactly one of app or space is required");
    assertThatThrownBy(() -> service.delete(new DeleteAppInput(CORRELATION, USER_APP, SPACE)))
        .isInstanceOf(ValidationError.class);
    assertThatThrownBy(
            () ->
                service.delete(
                    new DeleteAppInput(
                        CORRELATION, new AppRef("d-a", "u", "s", "JupyterLab", "x", null), null)))
        .hasMessage("app: exactly one of userProfileName or spaceName is required");
    verifyNoInteractions(sageMaker);
  }
}
