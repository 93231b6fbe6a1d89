package dev.studiolifecycle.local.emulator.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The aws-chunked content encoding of a streaming upload (Amazon S3 API Reference, "Signature
 * calculations for the Authorization header: transferring payload in multiple chunks" and
 * "...including trailing headers"): chunks {@code
 * <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n}, a zero-size chunk, then trailing headers
 * ({@code x-amz-checksum-crc32:...}) and an empty line. The chunk signatures are not checked: the
 * emulator accepts any credentials.
 */
final class AwsChunked {

  /** The decoded payload and the trailing headers, by lower-case name. */
  record Decoded(byte[] payload, Map<String, String> trailers) {}

  private final byte[] body;
  private int position;

  private AwsChunked(byte[] body) {
    this.body = body;
  }

  /** True when the request's body is aws-chunked (by Content-Encoding or the payload hash). */
  static boolean isChunked(Map<String, String> headers) {
    String encoding = headers.getOrDefault("content-encoding", "");
    String payloadHash = headers.getOrDefault("x-amz-content-sha256", "");
    return encoding.toLowerCase(Locale.ROOT).contains("aws-chunked")
        || payloadHash.startsWith("STREAMING-");
  }

  /**
   * @throws IllegalArgumentException when the body is not well-formed aws-chunked
   */
  static Decoded decode(byte[] body) {
    return new AwsChunked(body).read();
  }

  private Decoded read() {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    while (true) {
      String header = line();
      int semicolon = header.indexOf(';');
      String hex = semicolon < 0 ? header : header.substring(0, semicolon);
      int size;
      try {
        size = Integer.parseInt(hex.trim(), 16);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a chunk's size is not hexadecimal: " + header);
      }
      if (size < 0 || position + size > body.length) {
        throw new IllegalArgumentException("a chunk claims " + size + " bytes beyond the body");
      }
      if (size == 0) {
        break;
      }
      payload.write(body, position, size);
      position += size;
      if (!line().isEmpty()) {
        throw new IllegalArgumentException("a chunk's data does not end with CRLF");
      }
    }
    Map<String, String> trailers = new LinkedHashMap<>();
    while (position < body.length) {
      String trailer = line();
      if (trailer.isEmpty()) {
        continue;
      }
      int colon = trailer.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("a trailing header has no name: " + trailer);
      }
      trailers.put(
          trailer.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          trailer.substring(colon + 1).trim());
    }
    return new Decoded(payload.toByteArray(), trailers);
  }

  /** The bytes up to the next CRLF (which is consumed); the rest of the body when there is none. */
  private String line() {
    int start = position;
    for (int i = start; i + 1 < body.length; i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        position = i + 2;
        return new String(body, start, i - start, StandardCharsets.US_ASCII);
      }
    }
    position = body.length;
    return new String(body, start, body.length - start, StandardCharsets.US_ASCII);
  }
}
