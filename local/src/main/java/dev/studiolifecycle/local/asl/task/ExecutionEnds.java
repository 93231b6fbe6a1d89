package dev.studiolifecycle.local.asl.task;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where a .sync task learns that an execution it started has ended. */
@FunctionalInterface
public interface ExecutionEnds {

  /**
   * Completes when the execution ends, on the thread that ends it; empty when this runtime does not
   * run that execution.
   */
  Optional<CompletableFuture<?>> of(String executionArn);
}
