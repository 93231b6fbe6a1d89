package dev.studiolifecycle.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a list into pages behind opaque cursors, as SageMaker's NextToken and IAM's Marker are: the
 * cursor is the offset of the next item, base64url under a prefix, so that a cursor the emulator
 * did not issue is refused rather than read as an offset.
 */
public final class Paging {

  /** One page: its items, and the cursor of the next page (null on the last). */
  public record Cut<T>(List<T> items, String next) {}

  private Paging() {}

  /**
   * The page of {@code all} that {@code cursor} (null for the first) starts, of at most {@code max}
   * items; a cursor that is not one of {@code prefix}'s is refused with {@code invalid}.
   */
  public static <T> Cut<T> cut(
      List<T> all,
      String cursor,
      int max,
      String prefix,
      Function<String, ? extends RuntimeException> invalid) {
    int start = cursor == null ? 0 : Math.min(offset(cursor, prefix, invalid), all.size());
    int end = Math.min(all.size(), start + max);
    String next =
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((prefix + end).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Cut<>(List.copyOf(all.subList(start, end)), next);
  }

  private static int offset(
      String cursor, String prefix, Function<String, ? extends RuntimeException> invalid) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(prefix)) {
        int offset = Integer.parseInt(decoded.substring(prefix.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the refusal below: a cursor this emulator did not issue.
    }
    throw invalid.apply(cursor);
  }
}
