package dev.studiolifecycle.model;

/** Which of offboarding's two DeleteUserResources states calls the step. */
public enum SweepStage {
  /** The first pass: plans, starts every deletion it can, says when to look next. */
  START,
  /** Every later pass: starts what became possible, and asks to be retried until all is gone. */
  AWAIT
}
