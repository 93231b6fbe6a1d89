package dev.studiolifecycle.model;

/** How users of a SageMaker domain sign in: IAM, or IAM Identity Center (SSO). */
public enum DomainAuthMode {
  IAM,
  SSO
}
