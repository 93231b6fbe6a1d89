package dev.studiolifecycle.model;

/** What CheckStatus waits for: resources becoming ready, or resources going away. */
public enum StatusMode {
  AWAIT_READY,
  AWAIT_DELETION
}
