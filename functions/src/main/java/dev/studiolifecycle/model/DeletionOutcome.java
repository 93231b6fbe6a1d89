package dev.studiolifecycle.model;

/** How a delete call ended. All of them mean the step is done. */
public enum DeletionOutcome {
  /** This call started the deletion. */
  DELETING,
  /** A deletion was already in progress. */
  ALREADY_DELETING,
  /** The resource is already in state Deleted. */
  ALREADY_DELETED,
  /** The app or space is Failed: it is left alone and reported. */
  LEFT_FAILED,
  /** The resource does not exist (any more). */
  NOT_FOUND
}
