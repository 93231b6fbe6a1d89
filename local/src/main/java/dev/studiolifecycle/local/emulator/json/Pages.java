package dev.studiolifecycle.local.emulator.json;

import dev.studiolifecycle.local.emulator.Paging;
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
    Paging.Cut<T> cut =
        Paging.cut(
            all,
            nextToken,
            maxResults,
            PREFIX,
            token -> JsonInput.validation("Invalid pagination token: " + token));
    return new Page<>(cut.items(), cut.next());
  }
}
