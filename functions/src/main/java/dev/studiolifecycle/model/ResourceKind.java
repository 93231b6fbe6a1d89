package dev.studiolifecycle.model;

/** The kinds of Studio resources the workflow waits on. */
public enum ResourceKind {
  APP,
  SPACE,
  PROFILE
}
