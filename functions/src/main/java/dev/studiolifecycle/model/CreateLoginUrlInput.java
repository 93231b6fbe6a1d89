package dev.studiolifecycle.model;

/**
 * CreateLoginUrl's input: whose Studio to open, in which IAM domain; {@code correlation} is
 * optional (an operator or a portal names its own request id for the logs).
 */
public record CreateLoginUrlInput(Correlation correlation, String domainId, String userProfileName)
    implements StepInput {}
