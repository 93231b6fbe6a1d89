package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.TaskState;
import java.util.List;

/**
 * One AWS service behind {@code arn:aws:states:::aws-sdk:<service>:<action>}. Register an
 * implementation with {@link ServiceIntegrations.Builder#awsSdk}; without one, the checker rejects
 * such tasks.
 */
public interface AwsSdkIntegration {

  /** Whether {@code action} (e.g. {@code describeUserProfile}) is implemented. */
  boolean supports(String action);

  /**
   * Why a Task state of a supported action cannot run (e.g. Parameters naming a member the action's
   * request does not have), each problem naming the state and the field; checked before an
   * execution starts. None by default.
   */
  default List<String> check(TaskState state) {
    return List.of();
  }

  /**
   * Calls the action with the task's parameters (API member names in PascalCase, as Step Functions
   * writes them) and returns the API response, or the error as Step Functions names it ({@code
   * SageMaker.ResourceNotFoundException}).
   */
  TaskOutcome call(String action, JsonNode parameters);
}
