package dev.studiolifecycle.model;

/** What Validate found about the request's domain. {@code status} is SageMaker's value. */
public record DomainSummary(
    String domainId, String domainArn, DomainAuthMode authMode, String status) {}
