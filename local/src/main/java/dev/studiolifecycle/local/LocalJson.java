package dev.studiolifecycle.local;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

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

  private LocalJson() {}
}
