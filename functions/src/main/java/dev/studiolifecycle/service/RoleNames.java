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

  private RoleNames() {}

  /**
   * The execution role name of a user: {@code studio-<user>} with the name in lower case (one
   * person, however HR spells the name, has one role), or, when that exceeds IAM's 64 characters,
   * the start of it followed by {@code -} and 8 hex characters of the user name's SHA-256 (so two
   * long names with the same start still differ).
   */
  public static String forUser(String userProfileName) {
    String user = ProfileNames.folded(userProfileName);
    String plain = PREFIX + user;
    if (plain.length() <= MAX_ROLE_NAME) {
      return plain;
    }
    String suffix = "-" + sha256Hex(user).substring(0, HASH_CHARS);
    return plain.substring(0, MAX_ROLE_NAME - suffix.length()) + suffix;
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
