package dev.studiolifecycle.model;

/**
 * DeleteExecutionRole's input: the role, and the user it must belong to. The role is deleted only
 * if this workflow created it for that user.
 */
public record DeleteExecutionRoleInput(
    Correlation correlation, String roleArn, String userProfileName) {}
