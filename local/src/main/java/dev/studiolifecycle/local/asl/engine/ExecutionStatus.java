package dev.studiolifecycle.local.asl.engine;

/** An execution's status, as DescribeExecution reports it. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  public boolean isDone() {
    return this != RUNNING;
  }
}
