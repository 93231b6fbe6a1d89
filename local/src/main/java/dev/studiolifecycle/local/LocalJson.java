package dev.studiolifecycle.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper of local/, and a strict reader of it for files a person writes (state machine
 * definitions, mock configurations, scenarios): a duplicate key or anything after the document is
 * an error there, never silently dropped.
 */
public final class LocalJson {

  /** Shared and never reconfigured after this line, so safe to use from any thread. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  public static final ObjectReader STRICT =
      MAPPER
          .reader()
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final java.util.regex.Pattern NESTED_SOURCE =
      java.util.regex.Pattern.compile("\\[Source: [^\\]]*?; (line: \\d+, column: \\d+)\\]");

  private LocalJson() {}

  /**
   * The JSON document {@code name}, shipped in the jar beside {@code anchor}'s class file (the
   * local runtime's data files: API model shapes, AWS managed policies).
   *
   * @throws IllegalStateException when the jar lacks it
   */
  public static JsonNode resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /**
   * What is wrong with JSON text that did not parse, and where when the parser knows: the parser's
   * own message (never the text itself) and the line and column. A limit the parser enforces, such
   * as nesting deeper than {@code StreamReadConstraints} allows, has no location.
   */
  public static String problem(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    // The parser names a place inside its message too ("start marker at [Source: REDACTED
    // (...); line: 1, column: 1]"): only the line and column are kept.
    String message = NESTED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("$1");
    return at == null
        ? message
        : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
