package dev.studiolifecycle.model;

/** The input of a step that works for one request and one user: what its logs are bound to. */
public interface StepInput {

  Correlation correlation();

  /** The user the step works for; null when the input does not name one. */
  String userProfileName();
}
