package dev.studiolifecycle.local.asl.engine;

/**
 * One sequential thread of events in a history (the top level, a branch, an iteration): each
 * event's previousEventId is the last event recorded on its lane.
 */
final class Lane {

  long previous;

  Lane(long previous) {
    this.previous = previous;
  }
}
