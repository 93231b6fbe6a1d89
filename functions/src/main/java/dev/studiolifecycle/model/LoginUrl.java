package dev.studiolifecycle.model;

/**
 * A presigned URL that signs the user of an IAM domain's profile in to Studio. {@code url} works
 * once, within {@code expiresInSeconds}; the Studio session it opens lasts {@code
 * sessionExpirationSeconds}. Never logged: handed only to the caller.
 */
public record LoginUrl(
    String domainId,
    String userProfileName,
    String url,
    int expiresInSeconds,
    int sessionExpirationSeconds) {

  @Override
  public String toString() {
    // A record's toString would print the URL, which signs its holder in.
    return "LoginUrl[" + domainId + "/" + userProfileName + ", url hidden]";
  }
}
