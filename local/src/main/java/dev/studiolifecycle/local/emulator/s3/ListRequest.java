package dev.studiolifecycle.local.emulator.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The members of a ListObjectsV2 call (API Reference, ListObjectsV2): {@code prefix}, {@code
 * delimiter}, {@code max-keys} (at most 1,000 returned), {@code start-after}, {@code
 * continuation-token} (which takes precedence over start-after) and {@code encoding-type=url}.
 */
record ListRequest(
    String prefix,
    String delimiter,
    int maxKeys,
    String startAfter,
    String continuationToken,
    String cursor,
    boolean url) {

  static ListRequest read(JsonNode in) {
    String maxKeysText = in.path("max-keys").asText("1000");
    int maxKeys;
    try {
      maxKeys = Integer.parseInt(maxKeysText);
    } catch (NumberFormatException e) {
      throw S3Errors.INVALID_ARGUMENT.because(
          "Provided max-keys not an integer or within integer range");
    }
    if (maxKeys < 0) {
      throw S3Errors.INVALID_ARGUMENT.because(
          "Argument maxKeys must be an integer between 0 and 2147483647");
    }
    String encoding = in.path("encoding-type").asText(null);
    if (encoding != null && !encoding.equals("url")) {
      throw S3Errors.INVALID_ARGUMENT.because("Invalid Encoding Method specified in Request");
    }
    String token = in.path("continuation-token").asText(null);
    String delimiter = in.path("delimiter").asText(null);
    return new ListRequest(
        in.path("prefix").asText(""),
        delimiter == null || delimiter.isEmpty() ? null : delimiter,
        Math.min(maxKeys, 1000),
        in.path("start-after").asText(null),
        token,
        token == null ? null : S3Objects.cursor(token),
        encoding != null);
  }

  /** The key the listing starts after: the token's, else start-after's; null from the first. */
  String startAfterKey() {
    if (cursor != null) {
      return cursor.substring(2);
    }
    return startAfter;
  }

  /** The common prefix a key rolls up into, or null when it is listed itself. */
  String rolledUp(String key) {
    if (delimiter == null) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  /** True for the common prefix the previous page ended with: its keys were listed as one. */
  boolean skippedPrefix(String rolled) {
    return cursor != null && cursor.startsWith("p:") && cursor.substring(2).equals(rolled);
  }

  static ServiceReply reply(
      JsonNode in,
      ListRequest list,
      List<StoredObject> objects,
      List<String> prefixes,
      String next) {
    XmlWriter xml = S3Objects.listXml();
    xml.element("Name", in.path("Bucket").asText())
        .element("Prefix", S3Objects.encoded(list.prefix(), list.url()))
        .element("MaxKeys", list.maxKeys())
        .element("KeyCount", objects.size() + prefixes.size())
        .element("IsTruncated", next != null);
    if (list.delimiter() != null) {
      xml.element("Delimiter", S3Objects.encoded(list.delimiter(), list.url()));
    }
    if (list.url()) {
      xml.element("EncodingType", "url");
    }
    xml.element("ContinuationToken", list.continuationToken())
        .element("NextContinuationToken", next)
        .element(
            "StartAfter",
            list.startAfter() == null ? null : S3Objects.encoded(list.startAfter(), list.url()));
    for (StoredObject object : objects) {
      xml.start("Contents")
          .element("Key", S3Objects.encoded(object.key(), list.url()))
          .element("LastModified", object.lastModified())
          .element("ETag", object.etag())
          .element("Size", object.bytes().length)
          .element("StorageClass", "STANDARD");
      object.checksums().keySet().forEach(algorithm -> xml.element("ChecksumAlgorithm", algorithm));
      xml.end();
    }
    for (String prefix : prefixes) {
      xml.start("CommonPrefixes").element("Prefix", S3Objects.encoded(prefix, list.url())).end();
    }
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.end().finish();
    return new ServiceReply.Rest(
        200, Map.of(), body.getBytes(StandardCharsets.UTF_8), "application/xml");
  }
}
