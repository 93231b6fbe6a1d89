package dev.studiolifecycle.local.emulator.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.CallAuthorizer;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.KmsKeys;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.RestRouter;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Amazon S3: CreateBucket, HeadBucket, DeleteBucket, PutObject, GetObject, HeadObject, DeleteObject
 * and ListObjectsV2, over S3's REST-XML protocol (signing name {@code s3}). Any other request is
 * answered {@code NotImplemented} (501), never guessed at.
 */
public final class S3Service extends EmulatedService {

  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  /**
   * Bucket naming rules (Amazon S3 User Guide, "General purpose bucket naming rules"): 3 to 63
   * characters of lower-case letters, digits, dots and hyphens, beginning and ending with a letter
   * or digit, not two adjacent dots, not formatted as an IP address.
   */
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  /** The IAM actions whose names differ from the operation's (Service Authorization Reference). */
  private static final Map<String, String> IAM_ACTIONS =
      Map.of("HeadObject", "GetObject", "ListObjectsV2", "ListBucket", "HeadBucket", "ListBucket");

  /** The query parameters a routed operation may carry; any other is a feature not emulated. */
  private static final Map<String, Set<String>> QUERY =
      Map.of(
          "ListObjectsV2",
          Set.of(
              "list-type",
              "prefix",
              "delimiter",
              "max-keys",
              "continuation-token",
              "start-after",
              "encoding-type",
              "fetch-owner"),
          "GetObject",
          Set.of("x-id"),
          "PutObject",
          Set.of("x-id"),
          "DeleteObject",
          Set.of("x-id"));

  final Clock clock;
  final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final S3Objects objects = new S3Objects(this);

  /** One bucket: where it is and what it holds, by key. */
  static final class Bucket {
    final String name;
    final String region;
    final Instant created;
    final TreeMap<String, StoredObject> objects = new TreeMap<>();
    // The customer managed key of its default encryption (SSE-KMS), or null (SSE-S3, or the AWS
    // managed aws/s3 key, which every principal of the account may use through S3).
    final String kmsKeyArn;

    Bucket(String name, String region, Instant created, String kmsKeyArn) {
      this.name = name;
      this.region = region;
      this.created = created;
      this.kmsKeyArn = kmsKeyArn;
    }
  }

  private final Supplier<CallAuthorizer> authorizer;

  /**
   * @param authorizer the emulator's IAM, asked whether a caller may use the KMS key of a bucket
   *     encrypted with one
   */
  public S3Service(Clock clock, Supplier<CallAuthorizer> authorizer) {
    super("s3", new WireProtocol.RestXml(NAMESPACE, S3Service::route));
    this.clock = clock;
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  @Override
  public List<Operation> operations() {
    return List.of(
        Operation.mutating("CreateBucket", this::createBucket),
        Operation.reading("HeadBucket", this::headBucket),
        Operation.mutating("DeleteBucket", this::deleteBucket),
        Operation.mutating("PutObject", objects::putObject),
        Operation.reading("GetObject", objects::getObject),
        Operation.reading("HeadObject", objects::headObject),
        Operation.mutating("DeleteObject", objects::deleteObject),
        Operation.reading("ListObjectsV2", objects::listObjectsV2));
  }

  @Override
  public String iamAction(String operation) {
    return "s3:" + IAM_ACTIONS.getOrDefault(operation, operation);
  }

  /** S3's refusal by IAM: {@code AccessDenied}, 403. */
  @Override
  public AwsServiceError accessDenied(String message) {
    return new AwsServiceError("AccessDenied", 403, message);
  }

  /** S3 throttles with {@code SlowDown}, 503 ("Please reduce your request rate."). */
  @Override
  public AwsServiceError throttlingError() {
    return new AwsServiceError("SlowDown", 503, "Please reduce your request rate.");
  }

  /** Creates a bucket as a template's {@code AWS::S3::Bucket} would be: before any call. */
  public synchronized void createBucket(String name, String region) {
    createBucket(name, region, null);
  }

  /**
   * The same, for a bucket whose default encryption is SSE-KMS with {@code kmsKey} (a key id, ARN
   * or alias; null for none).
   *
   * @throws IllegalArgumentException for a KMS alias other than {@code alias/aws/s3}
   */
  public synchronized void createBucket(String name, String region, String kmsKey) {
    checkBucketName(name);
    String keyArn = kmsKey == null ? null : KmsKeys.customerKeyArn(kmsKey, "s3").orElse(null);
    if (buckets.putIfAbsent(name, new Bucket(name, region, clock.instant(), keyArn)) != null) {
      throw new IllegalArgumentException("bucket " + name + " already exists");
    }
  }

  /**
   * S3 encrypts and decrypts the objects of an SSE-KMS bucket with its key on the caller's behalf,
   * with kms:ViaService S3 and the object's ARN as the encryption context: "To upload or download
   * an object encrypted with an AWS KMS key ... you need kms:GenerateDataKey and kms:Decrypt
   * permissions on the key" (S3 User Guide, SSE-KMS). Read strictly: an upload needs both, a
   * download kms:Decrypt. Without them S3 answers AccessDenied; nothing is written or read.
   */
  void checkKeyUse(ServiceRequest request, String bucketName, String key, List<String> kmsActions) {
    Bucket bucket;
    synchronized (this) {
      bucket = bucket(bucketName);
    }
    if (bucket.kmsKeyArn == null) {
      return;
    }
    authorizer
        .get()
        .keyDenial(
            request,
            bucket.kmsKeyArn,
            kmsActions,
            "s3." + bucket.region + ".amazonaws.com",
            Map.of("aws:s3:arn", LocalAccount.s3Arn(bucketName, key)))
        .ifPresent(
            denial -> {
              throw accessDenied(denial);
            });
  }

  public boolean hasBucket(String name) {
    return buckets.containsKey(name);
  }

  /** The bytes of an object, for tests and the runtime's reports; empty when there is none. */
  public synchronized java.util.Optional<byte[]> object(String bucket, String key) {
    Bucket found = buckets.get(bucket);
    if (found == null || !found.objects.containsKey(key)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(found.objects.get(key).bytes().clone());
  }

  /** The keys of a bucket, in order. */
  public synchronized List<String> keys(String bucket) {
    Bucket found = buckets.get(bucket);
    return found == null ? List.of() : List.copyOf(found.objects.keySet());
  }

  synchronized Bucket bucket(String name) {
    Bucket found = buckets.get(name);
    if (found == null) {
      throw S3Errors.NO_SUCH_BUCKET
          .because("The specified bucket does not exist")
          .withMember("BucketName", JsonNodeFactory.instance.textNode(name));
    }
    return found;
  }

  private ServiceReply createBucket(ServiceRequest request) {
    JsonNode in = request.input();
    String name = in.path("Bucket").asText();
    String region = in.path("Region").asText();
    checkBucketName(name);
    String body =
        in.hasNonNull("Body")
            ? new String(binary(in), java.nio.charset.StandardCharsets.UTF_8)
            : "";
    checkOwnership(in.path("Headers"));
    String constraint = locationConstraint(body);
    // CreateBucket (API Reference): outside us-east-1 the LocationConstraint must name the
    // endpoint's Region; in us-east-1 it may be omitted, and naming us-east-1 is refused.
    if (region.equals("us-east-1") ? "us-east-1".equals(constraint) : !region.equals(constraint)) {
      throw S3Errors.ILLEGAL_LOCATION.because(
          constraint == null
              ? "The unspecified location constraint is incompatible for the region specific"
                  + " endpoint this request was sent to."
              : "The "
                  + constraint
                  + " location constraint is incompatible for the region"
                  + " specific endpoint this request was sent to.");
    }
    synchronized (this) {
      // The API reference returns 200 in us-east-1 for a bucket the caller already owns (a
      // legacy behaviour); the emulator refuses it everywhere, the stricter reading.
      if (buckets.putIfAbsent(name, new Bucket(name, region, request.time(), null)) != null) {
        throw S3Errors.ALREADY_OWNED.because(
            "Your previous request to create the named bucket succeeded and you already own it.");
      }
    }
    return new ServiceReply.Rest(200, Map.of("Location", "/" + name), new byte[0], null);
  }

  /**
   * A new bucket has ACLs disabled ("Bucket owner enforced", S3's default since April 2023): it may
   * not be created with an ACL that grants anyone but its owner (User Guide, "Troubleshooting" of
   * Object Ownership: InvalidBucketAclWithObjectOwnership). Another ownership setting is not
   * served.
   */
  private static void checkOwnership(JsonNode headers) {
    String ownership = headers.path("x-amz-object-ownership").asText("BucketOwnerEnforced");
    if (!ownership.equals("BucketOwnerEnforced")) {
      throw S3Errors.NOT_IMPLEMENTED.because(
          "The studio-lifecycle emulator serves buckets with ACLs disabled only"
              + " (x-amz-object-ownership BucketOwnerEnforced), not "
              + ownership
              + ".");
    }
    String acl = headers.path("x-amz-acl").asText("private");
    boolean grants = false;
    for (var names = headers.fieldNames(); names.hasNext(); ) {
      grants |= names.next().startsWith("x-amz-grant-");
    }
    if (!acl.equals("private") || grants) {
      throw S3Errors.BUCKET_ACL_WITH_OWNERSHIP.because(
          "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    }
  }

  private ServiceReply headBucket(ServiceRequest request) {
    Bucket found = bucket(request.input().path("Bucket").asText());
    return new ServiceReply.Rest(
        200, Map.of("x-amz-bucket-region", found.region), new byte[0], null);
  }

  private synchronized ServiceReply deleteBucket(ServiceRequest request) {
    Bucket found = bucket(request.input().path("Bucket").asText());
    if (!found.objects.isEmpty()) {
      throw S3Errors.NOT_EMPTY.because("The bucket you tried to delete is not empty");
    }
    buckets.remove(found.name);
    return new ServiceReply.Rest(204, Map.of(), new byte[0], null);
  }

  static byte[] binary(JsonNode input) {
    try {
      return input.path("Body").binaryValue();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the router stores the body as binary", e);
    }
  }

  private static String locationConstraint(String body) {
    if (body.isBlank()) {
      return null;
    }
    var matcher =
        Pattern.compile("<LocationConstraint>\\s*([^<]*?)\\s*</LocationConstraint>").matcher(body);
    if (!body.contains("CreateBucketConfiguration")) {
      throw S3Errors.MALFORMED_XML.because(
          "The XML you provided was not well-formed or did not validate against our published"
              + " schema");
    }
    return matcher.find() ? matcher.group(1) : null;
  }

  private static void checkBucketName(String name) {
    if (!BUCKET_NAME.matcher(name).matches()
        || name.contains("..")
        || IP_ADDRESS.matcher(name).matches()) {
      throw S3Errors.INVALID_BUCKET_NAME
          .because("The specified bucket is not valid.")
          .withMember("BucketName", JsonNodeFactory.instance.textNode(name));
    }
  }

  /** Reads a request into its operation: by method, by whether it names a key, by its query. */
  static RestRouter.Routed route(RestRouter.RestCall call) {
    S3Address address = S3Address.of(call.host(), call.rawPath());
    if (address.bucket() == null) {
      throw S3Errors.NOT_IMPLEMENTED.because(
          "The studio-lifecycle emulator does not implement ListBuckets.");
    }
    String operation = operation(call, address);
    for (String parameter : call.query().keySet()) {
      if (!QUERY.getOrDefault(operation, Set.of()).contains(parameter)) {
        throw S3Errors.NOT_IMPLEMENTED.because(
            "The studio-lifecycle emulator does not implement the query parameter '"
                + parameter
                + "' of "
                + operation
                + ".");
      }
    }
    ObjectNode logged = JsonNodeFactory.instance.objectNode();
    logged.put("Bucket", address.bucket());
    if (address.key() != null) {
      logged.put("Key", address.key());
    }
    call.query().forEach(logged::put);
    call.headers()
        .forEach(
            (name, value) -> {
              if (name.startsWith("x-amz-meta-")
                  || name.startsWith("x-amz-checksum-")
                  || name.equals("content-type")
                  || name.equals("content-md5")) {
                logged.put(name, value);
              }
            });
    logged.put("ContentLength", call.body().length);
    ObjectNode input = logged.deepCopy();
    input.put("Region", call.region());
    ObjectNode headers = input.putObject("Headers");
    call.headers().forEach(headers::put);
    input.set("Body", JsonNodeFactory.instance.binaryNode(call.body()));
    return new RestRouter.Routed(operation, input, logged, address.resource());
  }

  private static String operation(RestRouter.RestCall call, S3Address address) {
    String method = call.method();
    if (address.key() == null) {
      switch (method) {
        case "PUT":
          return "CreateBucket";
        case "HEAD":
          return "HeadBucket";
        case "DELETE":
          return "DeleteBucket";
        case "GET":
          if ("2".equals(call.query().get("list-type"))) {
            return "ListObjectsV2";
          }
          return call.query().isEmpty() ? "ListObjects" : "GetBucket?" + call.query().keySet();
        default:
          return method + "Bucket";
      }
    }
    if (call.headers().containsKey("x-amz-copy-source")) {
      return "CopyObject";
    }
    return switch (method) {
      case "PUT" -> "PutObject";
      case "GET" -> "GetObject";
      case "HEAD" -> "HeadObject";
      case "DELETE" -> "DeleteObject";
      default -> method + "Object";
    };
  }
}
