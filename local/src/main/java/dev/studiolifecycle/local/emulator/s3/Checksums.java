package dev.studiolifecycle.local.emulator.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The integrity checks of an upload (Amazon S3 User Guide, "Checking object integrity"): {@code
 * Content-MD5} and the {@code x-amz-checksum-<algorithm>} headers or trailers, each the base64 of
 * the digest. A mismatch is {@code BadDigest}; CRC64NVME is not computed here and is refused rather
 * than accepted unchecked.
 */
final class Checksums {

  private Checksums() {}

  /**
   * Checks every digest {@code given} names (header or trailer, by lower-case name) against the
   * payload; returns the checksums to keep, by algorithm (CRC32, ...).
   */
  static Map<String, String> verify(byte[] payload, Map<String, String> given) {
    Map<String, String> kept = new LinkedHashMap<>();
    String md5 = given.get("content-md5");
    if (md5 != null && !md5.equals(base64(digest("MD5", payload)))) {
      throw S3Errors.BAD_DIGEST.because(
          "The Content-MD5 you specified did not match what we received.");
    }
    for (Map.Entry<String, String> entry : given.entrySet()) {
      if (!entry.getKey().startsWith("x-amz-checksum-")
          || entry.getKey().equals("x-amz-checksum-type")) {
        continue;
      }
      String algorithm =
          entry.getKey().substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT);
      String computed = compute(algorithm, payload);
      if (!computed.equals(entry.getValue())) {
        throw S3Errors.BAD_DIGEST.because(
            "The " + algorithm + " you specified did not match the calculated checksum.");
      }
      kept.put(algorithm, computed);
    }
    return kept;
  }

  static String md5Hex(byte[] payload) {
    StringBuilder hex = new StringBuilder();
    for (byte b : digest("MD5", payload)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static String compute(String algorithm, byte[] payload) {
    return switch (algorithm) {
      case "CRC32" -> crc(new CRC32(), payload);
      case "CRC32C" -> crc(new CRC32C(), payload);
      case "SHA1" -> base64(digest("SHA-1", payload));
      case "SHA256" -> base64(digest("SHA-256", payload));
      case "CRC64NVME" ->
          throw S3Errors.NOT_IMPLEMENTED.because(
              "The studio-lifecycle emulator does not compute CRC64NVME checksums; use CRC32,"
                  + " CRC32C, SHA1 or SHA256.");
      default ->
          throw S3Errors.INVALID_REQUEST.because("Unsupported checksum algorithm: " + algorithm);
    };
  }

  private static String crc(Checksum checksum, byte[] payload) {
    checksum.update(payload, 0, payload.length);
    return base64(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
  }

  private static byte[] digest(String algorithm, byte[] payload) {
    try {
      return MessageDigest.getInstance(algorithm).digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
