package dev.studiolifecycle.local.asl.definition;

/** A retrier's JitterStrategy: FULL randomises each delay between zero and its computed value. */
public enum JitterStrategy {
  FULL,
  NONE
}
