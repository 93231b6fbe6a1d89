package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.DeleteAppInput;
import dev.studiolifecycle.model.DeleteAppResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.validation.Violations;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DeleteAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SpaceStatus;

/**
 * The DeleteApp step: deletes one app or one space. When SageMaker refuses, a describe call
 * decides: already gone, already deleting or Failed (left alone) all mean the step is done; a
 * resource that cannot be deleted yet is {@code ResourceBusy}, retried by the state machine.
 */
public final class AppDeletionService {

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;

  public AppDeletionService(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
  }

  public DeleteAppResult delete(DeleteAppInput input) {
    if ((input.app() == null) == (input.space() == null)) {
      new Violations().add("app/space", "exactly one of app or space is required").throwIfAny();
    }
    return input.app() != null ? deleteApp(input.app()) : deleteSpace(input.space());
  }

  private DeleteAppResult deleteApp(AppRef app) {
    Violations v = new Violations();
    v.require("app.domainId", app.domainId());
    v.require("app.appType", app.appType());
    v.require("app.appName", app.appName());
    if ((app.userProfileName() == null) == (app.spaceName() == null)) {
      v.add("app", "exactly one of userProfileName or spaceName is required");
    }
    v.throwIfAny();
    try {
      sageMaker.deleteApp(
          DeleteAppRequest.builder()
              .domainId(app.domainId())
              .userProfileName(app.userProfileName())
              .spaceName(app.spaceName())
              .appType(app.appType())
              .appName(app.appName())
              .build());
      return new DeleteAppResult(app, null, DeletionOutcome.DELETING);
    } catch (ResourceNotFoundException e) {
      return new DeleteAppResult(app, null, DeletionOutcome.NOT_FOUND);
    } catch (SageMakerException e) {
      if (!(e instanceof ResourceInUseException) && !AwsErrorCodes.isValidationException(e)) {
        throw e;
      }
      Optional<DescribeAppResponse> found = lookups.app(app);
      if (found.isEmpty()) {
        return new DeleteAppResult(app, null, DeletionOutcome.NOT_FOUND);
      }
      DescribeAppResponse current = found.get();
      DeletionOutcome outcome =
          switch (StudioLookups.known(current.status(), AppStatus.UNKNOWN_TO_SDK_VERSION)) {
            case DELETED -> DeletionOutcome.ALREADY_DELETED;
            case DELETING -> DeletionOutcome.ALREADY_DELETING;
            case FAILED -> DeletionOutcome.LEFT_FAILED;
            default ->
                throw new ResourceBusy(
                    app.describe()
                        + " is "
                        + current.statusAsString()
                        + " and cannot be deleted yet: "
                        + AwsErrorCodes.code(e),
                    e);
          };
      return new DeleteAppResult(app, null, outcome);
    }
  }

  private DeleteAppResult deleteSpace(SpaceRef space) {
    Violations v = new Violations();
    v.require("space.domainId", space.domainId());
    v.require("space.spaceName", space.spaceName());
    v.throwIfAny();
    try {
      sageMaker.deleteSpace(
          DeleteSpaceRequest.builder()
              .domainId(space.domainId())
              .spaceName(space.spaceName())
              .build());
      return new DeleteAppResult(null, space, DeletionOutcome.DELETING);
    } catch (ResourceNotFoundException e) {
      return new DeleteAppResult(null, space, DeletionOutcome.NOT_FOUND);
    } catch (SageMakerException e) {
      if (!(e instanceof ResourceInUseException) && !AwsErrorCodes.isValidationException(e)) {
        throw e;
      }
      Optional<DescribeSpaceResponse> found = lookups.space(space.domainId(), space.spaceName());
      if (found.isEmpty()) {
        return new DeleteAppResult(null, space, DeletionOutcome.NOT_FOUND);
      }
      DescribeSpaceResponse current = found.get();
      DeletionOutcome outcome =
          switch (StudioLookups.known(current.status(), SpaceStatus.UNKNOWN_TO_SDK_VERSION)) {
            case DELETING -> DeletionOutcome.ALREADY_DELETING;
            case FAILED, DELETE_FAILED -> DeletionOutcome.LEFT_FAILED;
            default ->
                throw new ResourceBusy(
                    "space "
                        + space.spaceName()
                        + " is "
                        + current.statusAsString()
                        + " and cannot be deleted yet (apps still running?): "
                        + AwsErrorCodes.code(e),
                    e);
          };
      return new DeleteAppResult(null, space, outcome);
    }
  }
}
