package dev.studiolifecycle.model;

/** RStudio on SageMaker access for a user: none, administrator or user. */
public enum RStudioAccess {
  UNAUTHORIZED,
  ADMIN,
  USER
}
