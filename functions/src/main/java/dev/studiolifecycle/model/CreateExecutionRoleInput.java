package dev.studiolifecycle.model;

/**
 * CreateExecutionRole's input: the normalized request from Validate, and the execution role of the
 * user's existing profile ({@code currentRoleArn}, null when there is none). A role this workflow
 * made for the user that the profile already uses is adopted without a CreateRole call.
 */
public record CreateExecutionRoleInput(
    Correlation correlation, LifecycleRequest request, String currentRoleArn) implements StepInput {

  /** The input of a user with no profile yet. */
  public CreateExecutionRoleInput(Correlation correlation, LifecycleRequest request) {
    this(correlation, request, null);
  }

  @Override
  public String userProfileName() {
    return request == null ? null : request.userProfileName();
  }
}
