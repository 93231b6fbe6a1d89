package dev.studiolifecycle.local.asl.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lifetime of a piece of an execution: the whole execution, one attempt of a Parallel or Map
 * state, one branch or iteration. Aborting a scope aborts everything inside it; actions scheduled
 * for an aborted scope do nothing when they fall due, and hooks registered with {@link
 * #whenAborted} (a job a .sync task started) run at once.
 */
final class Scope {

  /** A registered hook; {@link #remove} once the work it would stop has ended. */
  interface Hook {
    void remove();
  }

  private final Scope parent;
  private volatile boolean aborted;
  private Set<Runnable> hooks;

  Scope(Scope parent) {
    this.parent = parent;
  }

  Scope child() {
    return new Scope(this);
  }

  void abort() {
    List<Runnable> due;
    synchronized (this) {
      aborted = true;
      due = hooks == null ? List.of() : new ArrayList<>(hooks);
      hooks = null;
    }
    due.forEach(Runnable::run);
  }

  boolean isActive() {
    for (Scope scope = this; scope != null; scope = scope.parent) {
      if (scope.aborted) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs {@code hook} once when this scope or any scope around it is aborted; at once when one
   * already is.
   */
  Hook whenAborted(Runnable hook) {
    boolean[] ran = {false};
    Runnable once =
        () -> {
          synchronized (ran) {
            if (ran[0]) {
              return;
            }
            ran[0] = true;
          }
          hook.run();
        };
    List<Scope> registered = new ArrayList<>();
    for (Scope scope = this; scope != null; scope = scope.parent) {
      synchronized (scope) {
        if (scope.aborted) {
          registered.forEach(done -> done.forget(once));
          once.run();
          return () -> {};
        }
        if (scope.hooks == null) {
          scope.hooks = new LinkedHashSet<>();
        }
        scope.hooks.add(once);
        registered.add(scope);
      }
    }
    return () -> registered.forEach(scope -> scope.forget(once));
  }

  private synchronized void forget(Runnable hook) {
    if (hooks != null) {
      hooks.remove(hook);
    }
  }
}
