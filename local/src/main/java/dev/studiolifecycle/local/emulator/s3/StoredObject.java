package dev.studiolifecycle.local.emulator.s3;

import java.time.Instant;
import java.util.Map;

/** One object: its bytes, ETag (the MD5 of a single-part upload), metadata and checksums. */
record StoredObject(
    String key,
    byte[] bytes,
    String etag,
    Instant lastModified,
    String contentType,
    Map<String, String> metadata,
    Map<String, String> checksums) {

  StoredObject {
    metadata = Map.copyOf(metadata);
    checksums = Map.copyOf(checksums);
  }
}
