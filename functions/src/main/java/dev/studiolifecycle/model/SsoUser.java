package dev.studiolifecycle.model;

/**
 * The IAM Identity Center user an SSO domain's profile is for, as Validate found it in the identity
 * store: the id stays when the user name changes.
 */
public record SsoUser(String identityStoreId, String userId, String userName) {}
