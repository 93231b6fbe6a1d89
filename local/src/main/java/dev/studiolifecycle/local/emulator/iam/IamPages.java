package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** IAM's paging: a page of a list, and the Marker that fetches the next one. */
final class IamPages {

  private static final String MARKER_PREFIX = "studio-lifecycle-marker:";

  private IamPages() {}

  record Page<T>(List<T> items, String nextMarker) {}

  static <T> Page<T> page(List<T> all, String marker, int maxItems) {
    int start = marker == null ? 0 : markerOffset(marker);
    start = Math.min(start, all.size());
    int end = Math.min(all.size(), start + maxItems);
    String next =
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((MARKER_PREFIX + end).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(List.copyOf(all.subList(start, end)), next);
  }

  private static int markerOffset(String marker) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (decoded.startsWith(MARKER_PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(MARKER_PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through: a marker this service did not issue.
    }
    throw IamErrors.INVALID_INPUT.because("Invalid Marker: " + marker);
  }

  static void writePageEnd(XmlWriter xml, Page<?> page) {
    xml.element("IsTruncated", page.nextMarker() != null);
    xml.element("Marker", page.nextMarker());
  }
}
