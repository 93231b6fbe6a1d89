package dev.studiolifecycle.model;

/** One Studio space; {@code status} is SageMaker's value when it was listed. */
public record SpaceRef(String domainId, String spaceName, String status) {}
