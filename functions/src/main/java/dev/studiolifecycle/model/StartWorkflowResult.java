package dev.studiolifecycle.model;

import java.util.List;

/** StartWorkflow's output: one entry per SNS record. */
public record StartWorkflowResult(List<StartedWorkflow> executions) {

  public StartWorkflowResult {
    executions = List.copyOf(executions);
  }
}
