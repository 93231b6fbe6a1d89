package dev.studiolifecycle.model;

/** CreateExecutionRole's input: the normalized request from Validate. */
public record CreateExecutionRoleInput(Correlation correlation, LifecycleRequest request) {}
