package dev.studiolifecycle.local.emulator.wire;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** Writes the small XML documents of the query protocol; null values are left out. */
public final class XmlWriter {

  private final StringBuilder out = new StringBuilder(256);
  private final Deque<String> open = new ArrayDeque<>();

  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  /** Opens the root element with its namespace. */
  public XmlWriter start(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
    open.push(name);
    return this;
  }

  public XmlWriter end() {
    if (open.isEmpty()) {
      throw new IllegalStateException("no open element to end");
    }
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** {@code <name>text</name>}, or nothing when {@code text} is null. */
  public XmlWriter element(String name, String text) {
    if (text != null) {
      out.append('<')
          .append(name)
          .append('>')
          .append(escape(text))
          .append("</")
          .append(name)
          .append('>');
    }
    return this;
  }

  public XmlWriter element(String name, long value) {
    return element(name, Long.toString(value));
  }

  public XmlWriter element(String name, boolean value) {
    return element(name, Boolean.toString(value));
  }

  /** An ISO-8601 timestamp in UTC, as the query services print them. */
  public XmlWriter element(String name, Instant value) {
    if (value == null) {
      return this;
    }
    return element(
        name, DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.MILLIS)));
  }

  public XmlWriter emptyElement(String name) {
    out.append('<').append(name).append("/>");
    return this;
  }

  public String finish() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("elements still open: " + open);
    }
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\r' -> "&#13;";
            default -> null;
          };
      if (replacement != null) {
        if (escaped == null) {
          escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        escaped.append(replacement);
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? text : escaped.toString();
  }
}
