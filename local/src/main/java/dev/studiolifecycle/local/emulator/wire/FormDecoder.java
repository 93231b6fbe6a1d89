package dev.studiolifecycle.local.emulator.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} bodies and URL query strings. */
public final class FormDecoder {

  private FormDecoder() {}

  /** A form or query string that is not valid percent-encoding. */
  public static final class MalformedForm extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedForm(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Decodes {@code a=1&b=x%20y}; a later duplicate of a name wins.
   *
   * @throws MalformedForm for a bad percent-encoding such as {@code %zz}
   */
  public static Map<String, String> decode(String form) {
    Map<String, String> values = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return values;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        values.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new MalformedForm("bad percent-encoding in '" + pair + "': " + e.getMessage(), e);
      }
    }
    return values;
  }
}
