package dev.studiolifecycle.local.emulator;

import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a call that the Studio UI makes for a user: the user profile, whose execution role the
 * call runs as. Carried in the caller header ({@value ServiceRequest#CALLER_HEADER}) as {@code
 * studio-user:<domainId>/<userProfileName>}, so the emulator can tell a user's calls from the
 * workflow's and evaluate them against the user's role.
 */
public record StudioUserCaller(String domainId, String userProfileName) {

  private static final String PREFIX = "studio-user:";

  public StudioUserCaller {
    Objects.requireNonNull(domainId, "domainId");
    Objects.requireNonNull(userProfileName, "userProfileName");
  }

  /** The caller header's value. */
  public String header() {
    return PREFIX + domainId + "/" + userProfileName;
  }

  /** The user a caller header names, if it names one. */
  public static Optional<StudioUserCaller> parse(String caller) {
    if (caller == null || !caller.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = caller.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new StudioUserCaller(rest.substring(0, slash), rest.substring(slash + 1)));
  }
}
