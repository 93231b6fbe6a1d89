package dev.studiolifecycle.local.emulator.sagemaker;

/**
 * How SageMaker words the ValidationException for an execution role it cannot assume. Its
 * operations word it differently; which wording CreateUserProfile uses is not documented, so the
 * emulator can give either and the workflow must work with both (it reads the error code and asks
 * IAM, never the wording).
 */
public enum AssumeRoleRefusal {
  /** As recorded for CreateTransformJob and CreateTrainingJob. */
  COULD_NOT_ASSUME {
    @Override
    public String message(String roleArn) {
      return "Could not assume role "
          + roleArn
          + ". Please ensure that the role exists and allows principal '"
          + SageMakerService.SERVICE_PRINCIPAL
          + "' to assume the role.";
    }
  },

  /** As recorded for CreateModel. */
  EXECUTION_ROLE_INVALID {
    @Override
    public String message(String roleArn) {
      return "The execution role ARN \""
          + roleArn
          + "\" is invalid. Please ensure that the role exists and that its trust relationship"
          + " policy allows the action \"sts:AssumeRole\" for the service principal \""
          + SageMakerService.SERVICE_PRINCIPAL
          + "\".";
    }
  };

  public abstract String message(String roleArn);
}
