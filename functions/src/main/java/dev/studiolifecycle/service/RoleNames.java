package dev.studiolifecycle.service;

import dev.studiolifecycle.model.ProfileNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives names deterministically, so a retried or replayed request finds what an earlier attempt
 * created instead of creating a second one.
 */
public final class RoleNames {

  static final String PREFIX = "studio-";
  static final int MAX_ROLE_NAME = 64;
  private static final int HASH_CHARS = 8;
  // SageMaker's domain ids are d- and 12 characters; up to 16 stay readable.
  private static final int READABLE_DOMAIN_KEY = 16;

  private RoleNames() {}

  /**
   * The execution role name of a user in a domain: {@code studio-<user>-<domain>}, the user name in
   * lower case (one person, however HR spells the name, has one role per domain) and the domain id
   * without its {@code d-} (or, for an id of more than 16 characters after it, 8 hex characters of
   * its SHA-256). The domain keeps two stacks, or one stack serving two domains, from converging
   * one role to two domains' settings. When the name exceeds IAM's 64 characters, the user part is
   * cut and followed by {@code -} and 8 hex characters of the user name's SHA-256 (so two long
   * names with the same start still differ).
   */
  public static String forUser(String userProfileName, String domainId) {
    String user = ProfileNames.folded(userProfileName);
    String domain = domainKey(domainId);
    String suffix = "-" + domain;
    String plain = PREFIX + user + suffix;
    if (plain.length() <= MAX_ROLE_NAME) {
      return plain;
    }
    String hash = "-" + sha256Hex(user).substring(0, HASH_CHARS);
    return (PREFIX + user).substring(0, MAX_ROLE_NAME - hash.length() - suffix.length())
        + hash
        + suffix;
  }

  /**
   * The name roles had before they carried the domain, {@code studio-<user>} (cut and hashed as
   * above past 64 characters): a profile that still uses such a role keeps it.
   */
  public static String legacyForUser(String userProfileName) {
    String user = ProfileNames.folded(userProfileName);
    String plain = PREFIX + user;
    if (plain.length() <= MAX_ROLE_NAME) {
      return plain;
    }
    String suffix = "-" + sha256Hex(user).substring(0, HASH_CHARS);
    return plain.substring(0, MAX_ROLE_NAME - suffix.length()) + suffix;
  }

  private static String domainKey(String domainId) {
    String bare = domainId.startsWith("d-") ? domainId.substring(2) : domainId;
    return bare.length() <= READABLE_DOMAIN_KEY
        ? bare
        : sha256Hex(domainId).substring(0, HASH_CHARS);
  }

  /** The role name in an IAM role ARN: the part after the last slash. */
  public static String fromArn(String roleArn) {
    return roleArn.substring(roleArn.lastIndexOf('/') + 1);
  }

  /**
   * The role path in an IAM role ARN: {@code /} for {@code ...:role/name}, {@code /a/b/} for {@code
   * ...:role/a/b/name}.
   */
  public static String pathFromArn(String roleArn) {
    String afterRole = roleArn.substring(roleArn.indexOf(":role/") + ":role".length());
    return afterRole.substring(0, afterRole.lastIndexOf('/') + 1);
  }

  static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
