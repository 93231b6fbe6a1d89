package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS service behind {@code arn:aws:states:::aws-sdk:<service>:<action>}. Register an
 * implementation with {@link ServiceIntegrations.Builder#awsSdk}; without one, the checker rejects
 * such tasks.
 */
public interface AwsSdkIntegration {

  /** Whether {@code action} (e.g. {@code describeUserProfile}) is implemented. */
  boolean supports(String action);

  /**
   * Calls the action with the task's parameters (API member names in PascalCase, as Step
   * Functions writes them) and returns the API response, or the error as Step Functions names it
   * ({@code SageMaker.ResourceNotFoundException}).
   */
  TaskOutcome call(String action, JsonNode parameters);
}
