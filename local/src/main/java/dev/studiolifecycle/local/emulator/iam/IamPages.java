package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.Paging;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.util.List;
import java.util.function.BiConsumer;

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

  /**
   * A List call's reply: each item of the page as a {@code member} of {@code listElement}, then
   * {@code IsTruncated} and {@code Marker}.
   */
  static <T> ServiceReply reply(String listElement, Page<T> page, BiConsumer<XmlWriter, T> member) {
    return ServiceReply.xml(
        xml -> {
          xml.start(listElement);
          for (T item : page.items()) {
            xml.start("member");
            member.accept(xml, item);
            xml.end();
          }
          xml.end();
          xml.element("IsTruncated", page.nextMarker() != null);
          xml.element("Marker", page.nextMarker());
        });
  }

  /** A List call's reply whose members are names, each a {@code member}'s text. */
  static ServiceReply replyNames(String listElement, Page<String> page) {
    return ServiceReply.xml(
        xml -> {
          xml.start(listElement);
          page.items().forEach(name -> xml.element("member", name));
          xml.end();
          xml.element("IsTruncated", page.nextMarker() != null);
          xml.element("Marker", page.nextMarker());
        });
  }
}
