package dev.studiolifecycle.local.emulator.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The object operations of {@link S3Service}, and ListObjectsV2. */
final class S3Objects {

  /** Object keys are at most 1,024 bytes of UTF-8 (User Guide, "Naming Amazon S3 objects"). */
  private static final int MAX_KEY_BYTES = 1024;

  /**
   * The largest object the emulator keeps: far below S3's 5 GB for one PUT, since it holds objects
   * in memory; a larger one is refused with EntityTooLarge (README, "What is modelled").
   */
  static final int MAX_OBJECT_BYTES = 64 * 1024 * 1024;

  private static final String TOKEN_PREFIX = "studio-lifecycle-s3:";

  /** The StorageClass enum of the S3 API model (botocore 1.43.11). */
  private static final Set<String> STORAGE_CLASSES =
      Set.of(
          "STANDARD",
          "REDUCED_REDUNDANCY",
          "STANDARD_IA",
          "ONEZONE_IA",
          "INTELLIGENT_TIERING",
          "GLACIER",
          "DEEP_ARCHIVE",
          "OUTPOSTS",
          "GLACIER_IR",
          "SNOW",
          "EXPRESS_ONEZONE",
          "FSX_OPENZFS",
          "FSX_ONTAP");

  /** The ServerSideEncryption enum of the S3 API model. */
  private static final Set<String> ENCRYPTIONS =
      Set.of("AES256", "aws:fsx", "aws:kms", "aws:kms:dsse");

  private final S3Service service;

  S3Objects(S3Service service) {
    this.service = service;
  }

  ServiceReply putObject(ServiceRequest request) {
    JsonNode in = request.input();
    String key = key(in);
    Map<String, String> headers = headers(in);
    checkStorageAndEncryption(headers);
    byte[] payload = S3Service.binary(in);
    Map<String, String> digests = new LinkedHashMap<>(headers);
    if (AwsChunked.isChunked(headers)) {
      AwsChunked.Decoded decoded;
      try {
        decoded = AwsChunked.decode(payload);
      } catch (IllegalArgumentException e) {
        throw S3Errors.INCOMPLETE_BODY.because(
            "The request body is not well-formed aws-chunked: " + e.getMessage());
      }
      payload = decoded.payload();
      digests.putAll(decoded.trailers());
      String declared = headers.get("x-amz-decoded-content-length");
      if (declared == null || !declared.equals(Integer.toString(payload.length))) {
        throw S3Errors.INCOMPLETE_BODY.because(
            "You did not provide the number of bytes specified by the"
                + " x-amz-decoded-content-length header.");
      }
    }
    if (payload.length > MAX_OBJECT_BYTES) {
      throw S3Errors.ENTITY_TOO_LARGE.because(
          "Your proposed upload exceeds the maximum allowed size of the studio-lifecycle"
              + " emulator ("
              + MAX_OBJECT_BYTES
              + " bytes).");
    }
    Map<String, String> checksums = Checksums.verify(payload, digests);
    service.checkKeyUse(
        request, in.path("Bucket").asText(), key, List.of("kms:GenerateDataKey", "kms:Decrypt"));
    Map<String, String> metadata = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (name.startsWith("x-amz-meta-")) {
            metadata.put(name, value);
          }
        });
    StoredObject stored =
        new StoredObject(
            key,
            payload,
            "\"" + Checksums.md5Hex(payload) + "\"",
            request.time(),
            headers.getOrDefault("content-type", "binary/octet-stream"),
            metadata,
            checksums);
    synchronized (service) {
      service.bucket(in.path("Bucket").asText()).objects.put(key, stored);
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put("ETag", stored.etag());
    checksums.forEach((algorithm, value) -> out.put("x-amz-checksum-" + lower(algorithm), value));
    return new ServiceReply.Rest(200, out, new byte[0], null);
  }

  /**
   * A storage class or server-side encryption outside the API model's enums is refused before
   * anything is stored (S3 API Reference, error codes: InvalidStorageClass, "The storage class you
   * specified is not valid"; InvalidArgument, "The encryption method specified is not supported").
   */
  private static void checkStorageAndEncryption(Map<String, String> headers) {
    String storageClass = headers.get("x-amz-storage-class");
    if (storageClass != null && !STORAGE_CLASSES.contains(storageClass)) {
      throw S3Errors.INVALID_STORAGE_CLASS.because("The storage class you specified is not valid");
    }
    String encryption = headers.get("x-amz-server-side-encryption");
    if (encryption != null && !ENCRYPTIONS.contains(encryption)) {
      throw S3Errors.INVALID_ARGUMENT.because("The encryption method specified is not supported");
    }
    // Every emulated bucket has ACLs disabled (Object Ownership "Bucket owner enforced", S3's
    // default for new buckets and template.yaml's setting): a PUT may give no ACL or
    // bucket-owner-full-control (User Guide, "Troubleshooting" of Object Ownership).
    String acl = headers.get("x-amz-acl");
    boolean grants = headers.keySet().stream().anyMatch(name -> name.startsWith("x-amz-grant-"));
    if ((acl != null && !acl.equals("bucket-owner-full-control")) || grants) {
      throw S3Errors.ACL_NOT_SUPPORTED.because("The bucket does not allow ACLs");
    }
  }

  ServiceReply getObject(ServiceRequest request) {
    StoredObject found = found(request);
    service.checkKeyUse(
        request, request.input().path("Bucket").asText(), found.key(), List.of("kms:Decrypt"));
    return new ServiceReply.Rest(200, objectHeaders(found), found.bytes(), found.contentType());
  }

  ServiceReply headObject(ServiceRequest request) {
    StoredObject found = found(request);
    // Whether HEAD on an SSE-KMS object needs kms:Decrypt is not said: the stricter reading.
    service.checkKeyUse(
        request, request.input().path("Bucket").asText(), found.key(), List.of("kms:Decrypt"));
    return new ServiceReply.Rest(200, objectHeaders(found), new byte[0], found.contentType());
  }

  /** DeleteObject answers 204 whether or not the key exists (API Reference, DeleteObject). */
  ServiceReply deleteObject(ServiceRequest request) {
    JsonNode in = request.input();
    String key = key(in);
    synchronized (service) {
      service.bucket(in.path("Bucket").asText()).objects.remove(key);
    }
    return new ServiceReply.Rest(204, Map.of(), new byte[0], null);
  }

  private StoredObject found(ServiceRequest request) {
    JsonNode in = request.input();
    String key = key(in);
    Map<String, String> headers = headers(in);
    for (String unsupported :
        List.of("range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since")) {
      if (headers.containsKey(unsupported)) {
        throw S3Errors.NOT_IMPLEMENTED.because(
            "The studio-lifecycle emulator does not implement the " + unsupported + " header.");
      }
    }
    synchronized (service) {
      StoredObject found = service.bucket(in.path("Bucket").asText()).objects.get(key);
      if (found == null) {
        throw S3Errors.NO_SUCH_KEY
            .because("The specified key does not exist.")
            .withMember("Key", JsonNodeFactory.instance.textNode(key));
      }
      return found;
    }
  }

  private static Map<String, String> objectHeaders(StoredObject found) {
    Map<String, String> out = new LinkedHashMap<>(found.metadata());
    out.put("ETag", found.etag());
    out.put("Content-Length", Integer.toString(found.bytes().length));
    out.put(
        "Last-Modified",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(found.lastModified().atOffset(ZoneOffset.UTC)));
    out.put("Accept-Ranges", "bytes");
    return out;
  }

  /** ListObjectsV2 (API Reference): keys in UTF-8 binary order, rolled up by a delimiter. */
  ServiceReply listObjectsV2(ServiceRequest request) {
    JsonNode in = request.input();
    ListRequest list = ListRequest.read(in);
    List<String> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    List<StoredObject> objects = new ArrayList<>();
    String next = null;
    synchronized (service) {
      S3Service.Bucket bucket = service.bucket(in.path("Bucket").asText());
      String after = list.startAfterKey();
      for (StoredObject object :
          after == null ? bucket.objects.values() : bucket.objects.tailMap(after, false).values()) {
        String key = object.key();
        if (!key.startsWith(list.prefix())) {
          if (key.compareTo(list.prefix()) > 0) {
            break;
          }
          continue;
        }
        String rolled = list.rolledUp(key);
        if (rolled != null && (list.skippedPrefix(rolled) || prefixes.contains(rolled))) {
          continue;
        }
        if (contents.size() + prefixes.size() == list.maxKeys()) {
          next = token(contents, prefixes);
          break;
        }
        if (rolled != null) {
          prefixes.add(rolled);
        } else {
          contents.add(key);
          objects.add(object);
        }
      }
    }
    return ListRequest.reply(in, list, objects, prefixes, next);
  }

  /** The cursor after the last item listed: a key, or a common prefix to skip entirely. */
  private static String token(List<String> contents, List<String> prefixes) {
    String lastKey = contents.isEmpty() ? null : contents.get(contents.size() - 1);
    String lastPrefix = prefixes.isEmpty() ? null : prefixes.get(prefixes.size() - 1);
    String cursor =
        lastPrefix != null && (lastKey == null || lastPrefix.compareTo(lastKey) > 0)
            ? "p:" + lastPrefix
            : "k:" + lastKey;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + cursor).getBytes(StandardCharsets.UTF_8));
  }

  /** The key or common prefix a continuation token resumes after, "k:" or "p:" first. */
  static String cursor(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(TOKEN_PREFIX + "k:") || decoded.startsWith(TOKEN_PREFIX + "p:")) {
        return decoded.substring(TOKEN_PREFIX.length());
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the refusal: a token this emulator did not issue.
    }
    throw S3Errors.INVALID_ARGUMENT.because("The continuation token provided is incorrect");
  }

  static String encoded(String value, boolean url) {
    return url ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value;
  }

  private static String key(JsonNode in) {
    String key = in.path("Key").asText();
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw S3Errors.KEY_TOO_LONG.because("Your key is too long");
    }
    return key;
  }

  private static Map<String, String> headers(JsonNode in) {
    Map<String, String> headers = new LinkedHashMap<>();
    in.path("Headers")
        .fields()
        .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    return headers;
  }

  private static String lower(String algorithm) {
    return algorithm.toLowerCase(java.util.Locale.ROOT);
  }

  static XmlWriter listXml() {
    return new XmlWriter().start("ListBucketResult", S3Service.NAMESPACE);
  }
}
