package dev.studiolifecycle.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** SDK exceptions as the SDK builds them from AWS error responses. */
public final class AwsErrors {

  private AwsErrors() {}

  private static AwsErrorDetails details(String service, String code, String message) {
    return AwsErrorDetails.builder()
        .serviceName(service)
        .errorCode(code)
        .errorMessage(message)
        .build();
  }

  public static ResourceNotFoundException sageMakerNotFound() {
    return (ResourceNotFoundException)
        ResourceNotFoundException.builder()
            .awsErrorDetails(details("SageMaker", "ResourceNotFound", "Resource not found"))
            .statusCode(400)
            .build();
  }

  public static ResourceInUseException sageMakerInUse() {
    return (ResourceInUseException)
        ResourceInUseException.builder()
            .awsErrorDetails(details("SageMaker", "ResourceInUse", "Resource in use"))
            .statusCode(400)
            .build();
  }

  public static SageMakerException sageMaker(String code, String message, int status) {
    return (SageMakerException)
        SageMakerException.builder()
            .awsErrorDetails(details("SageMaker", code, message))
            .statusCode(status)
            .build();
  }

  public static SageMakerException sageMakerValidation(String message) {
    return sageMaker("ValidationException", message, 400);
  }

  public static SageMakerException sageMakerThrottled() {
    return sageMaker("ThrottlingException", "Rate exceeded", 400);
  }

  public static NoSuchEntityException noSuchEntity() {
    return (NoSuchEntityException)
        NoSuchEntityException.builder()
            .awsErrorDetails(details("Iam", "NoSuchEntity", "The role cannot be found."))
            .statusCode(404)
            .build();
  }

  public static EntityAlreadyExistsException entityAlreadyExists() {
    return (EntityAlreadyExistsException)
        EntityAlreadyExistsException.builder()
            .awsErrorDetails(details("Iam", "EntityAlreadyExists", "Role already exists."))
            .statusCode(409)
            .build();
  }

  public static DeleteConflictException deleteConflict() {
    return (DeleteConflictException)
        DeleteConflictException.builder()
            .awsErrorDetails(details("Iam", "DeleteConflict", "Cannot delete entity."))
            .statusCode(409)
            .build();
  }

  public static IamException iam(String code, int status) {
    return (IamException)
        IamException.builder()
            .awsErrorDetails(details("Iam", code, code + " happened"))
            .statusCode(status)
            .build();
  }

  public static ExecutionAlreadyExistsException executionAlreadyExists() {
    return (ExecutionAlreadyExistsException)
        ExecutionAlreadyExistsException.builder()
            .awsErrorDetails(details("SFN", "ExecutionAlreadyExists", "Execution already exists"))
            .statusCode(400)
            .build();
  }
}
