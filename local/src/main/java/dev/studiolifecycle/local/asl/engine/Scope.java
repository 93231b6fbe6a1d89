package dev.studiolifecycle.local.asl.engine;

/**
 * The lifetime of a piece of an execution: the whole execution, one attempt of a Parallel or Map
 * state, one branch or iteration. Aborting a scope aborts everything inside it; actions scheduled
 * for an aborted scope do nothing when they fall due.
 */
final class Scope {

  private final Scope parent;
  private volatile boolean aborted;

  Scope(Scope parent) {
    this.parent = parent;
  }

  Scope child() {
    return new Scope(this);
  }

  void abort() {
    aborted = true;
  }

  boolean isActive() {
    for (Scope scope = this; scope != null; scope = scope.parent) {
      if (scope.aborted) {
        return false;
      }
    }
    return true;
  }
}
