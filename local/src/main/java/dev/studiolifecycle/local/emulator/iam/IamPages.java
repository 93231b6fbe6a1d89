package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.Paging;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.util.List;

/** IAM's paging: a page of a list, and the Marker that fetches the next one. */
final class IamPages {

  private static final String MARKER_PREFIX = "studio-lifecycle-marker:";

  private IamPages() {}

  record Page<T>(List<T> items, String nextMarker) {}

  /** The paging members of a List call: where to start, and how many at most. */
  record Request(String marker, int maxItems) {

    /**
     * Reads {@code Marker} and {@code MaxItems} (1 to 1000, default 100), as every IAM List call
     * has them.
     */
    static Request read(IamInput input) {
      return new Request(
          input.optional("Marker", IamResources.MARKER, 1, 320),
          input.optionalInt("MaxItems", 1, 1000, 100));
    }

    <T> Page<T> page(List<T> all) {
      Paging.Cut<T> cut =
          Paging.cut(
              all,
              marker,
              maxItems,
              MARKER_PREFIX,
              given -> IamErrors.INVALID_INPUT.because("Invalid Marker: " + given));
      return new Page<>(cut.items(), cut.next());
    }
  }

  static void writePageEnd(XmlWriter xml, Page<?> page) {
    xml.element("IsTruncated", page.nextMarker() != null);
    xml.element("Marker", page.nextMarker());
  }
}
