package dev.studiolifecycle.model;

import java.util.Locale;

/**
 * User profile names compare without case: SageMaker's API reference says of UserProfileName "This
 * value is not case sensitive", and IAM role names derived from them are unique regardless of case
 * (IAM User Guide, IAM identifiers). Names are ASCII ({@code [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}}), so
 * folding is locale-free.
 */
public final class ProfileNames {

  private ProfileNames() {}

  /** Whether two names are the same user profile; false when either is null. */
  public static boolean same(String a, String b) {
    return a != null && a.equalsIgnoreCase(b);
  }

  /** The name in one case, for names derived from it (role names) and for keys. */
  public static String folded(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
