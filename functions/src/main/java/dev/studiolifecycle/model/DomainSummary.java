package dev.studiolifecycle.model;

/**
 * What Validate found about the request's domain. {@code status} is SageMaker's value; {@code url}
 * is the domain's Studio URL; {@code singleSignOnApplicationArn} is the application SageMaker
 * manages for an SSO domain in IAM Identity Center (absent for domains created before October 2023,
 * and for IAM domains).
 */
public record DomainSummary(
    String domainId,
    String domainArn,
    DomainAuthMode authMode,
    String status,
    String url,
    String singleSignOnApplicationArn) {

  public DomainSummary(String domainId, String domainArn, DomainAuthMode authMode, String status) {
    this(domainId, domainArn, authMode, status, null, null);
  }
}
