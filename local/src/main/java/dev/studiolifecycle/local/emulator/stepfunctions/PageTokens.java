package dev.studiolifecycle.local.emulator.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cuts list results into pages with opaque {@code nextToken}s. A token is valid only for the
 * operation and arguments it was issued for (as on AWS, where a token from another call is {@code
 * InvalidToken}).
 */
final class PageTokens {

  private static final String PREFIX = "studio-lifecycle-states:";

  record Page<T>(List<T> items, String nextToken) {}

  private PageTokens() {}

  /**
   * The page after {@code nextToken} (or the first page).
   *
   * @param scope the operation and every argument that shapes the list, e.g. {@code
   *     ListExecutions|<arn>|RUNNING}
   */
  static <T> Page<T> page(List<T> all, String nextToken, int pageSize, String scope) {
    int start = nextToken == null ? 0 : offset(nextToken, scope);
    start = Math.min(start, all.size());
    int end = Math.min(all.size(), start + pageSize);
    String next = end < all.size() ? token(scope, end) : null;
    return new Page<>(List.copyOf(all.subList(start, end)), next);
  }

  private static String token(String scope, int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset + ":" + scope).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token, String scope) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        String rest = decoded.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(colon + 1).equals(scope)) {
          int offset = Integer.parseInt(rest.substring(0, colon));
          if (offset >= 0) {
            return offset;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      // Not one of ours (bad base64 or number): the error below says so.
    }
    throw StepFunctionsErrors.INVALID_TOKEN.about(token);
  }
}
