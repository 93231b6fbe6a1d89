package dev.studiolifecycle.local.emulator.json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cuts list results into pages with opaque NextTokens, as the SageMaker and Identity Center List
 * calls do.
 */
public final class Pages {

  private static final String PREFIX = "studio-lifecycle-page:";

  public record Page<T>(List<T> items, String nextToken) {}

  private Pages() {}

  public static <T> Page<T> of(List<T> all, String nextToken, int maxResults) {
    int start = nextToken == null ? 0 : offset(nextToken);
    if (start > all.size()) {
      start = all.size();
    }
    int end = Math.min(all.size(), start + maxResults);
    String next = end < all.size() ? token(end) : null;
    return new Page<>(List.copyOf(all.subList(start, end)), next);
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below: a token we did not issue.
    }
    throw JsonInput.validation("Invalid pagination token: " + token);
  }
}
