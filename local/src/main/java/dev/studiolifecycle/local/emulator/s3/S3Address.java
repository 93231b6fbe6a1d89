package dev.studiolifecycle.local.emulator.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bucket and key a request names, path-style ({@code http://host/bucket/key}) or virtual-hosted
 * ({@code http://bucket.host/key}), as the SDKs' endpoint rules address them when given an endpoint
 * override. A host is read as virtual-hosted when it is {@code <bucket>.localhost} or {@code
 * <bucket>.s3.<anything>} / {@code <bucket>.s3-<anything>} (what a wildcard DNS name for a local
 * endpoint looks like); an IP address or any other name is path-style.
 */
record S3Address(String bucket, String key) {

  private static final Pattern IP_V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern VIRTUAL_HOST =
      Pattern.compile("([a-z0-9][a-z0-9.-]*?)\\.(localhost|s3[.-].+)");

  /** The address of a request; {@code bucket} is null for the service itself ({@code GET /}). */
  static S3Address of(String hostHeader, String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    String bucket = virtualHostedBucket(hostHeader);
    if (bucket != null) {
      String key = path.length() > 1 ? decode(path.substring(1)) : null;
      return new S3Address(bucket, key);
    }
    String rest = path.substring(1);
    if (rest.isEmpty()) {
      return new S3Address(null, null);
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return new S3Address(decode(rest), null);
    }
    String key = rest.substring(slash + 1);
    return new S3Address(decode(rest.substring(0, slash)), key.isEmpty() ? null : decode(key));
  }

  private static String virtualHostedBucket(String hostHeader) {
    if (hostHeader == null || hostHeader.startsWith("[")) {
      return null;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    if (IP_V4.matcher(host).matches()) {
      return null;
    }
    var matcher = VIRTUAL_HOST.matcher(host);
    if (!matcher.matches() || matcher.group(1).equals("s3")) {
      return null;
    }
    return matcher.group(1);
  }

  /** A path segment's percent-encoding undone; a '+' in a path is a plus, not a space. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** What an error names as its Resource: {@code /bucket/key}. */
  String resource() {
    if (bucket == null) {
      return "/";
    }
    return "/" + bucket + (key == null ? "" : "/" + key);
  }
}
