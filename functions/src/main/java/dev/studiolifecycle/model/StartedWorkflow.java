package dev.studiolifecycle.model;

/** One execution StartWorkflow started (or found already started, on a redelivered message). */
public record StartedWorkflow(
    String requestId,
    Action action,
    String executionName,
    String executionArn,
    boolean alreadyStarted) {}
