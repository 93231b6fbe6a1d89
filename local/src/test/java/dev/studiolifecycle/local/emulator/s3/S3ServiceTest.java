package dev.studiolifecycle.local.emulator.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 over the real SDK: objects' round trip, addressing, integrity checks and listing. */
class S3ServiceTest {

  private static final String BUCKET = "studio-lifecycle-reconcile";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final S3Client s3 = aws.clients().s3;

  @BeforeEach
  void seed() {
    s3.createBucket(r -> r.bucket(BUCKET));
  }

  @Test
  void anObjectPutIsGotBackWithItsEtagTypeAndMetadata() {
    String roster = "userName,email,status\njane-doe,jane@example.com,ACTIVE\n";
    String etag =
        s3.putObject(
                r ->
                    r.bucket(BUCKET)
                        .key("rosters/2026-12-07.csv")
                        .contentType("text/csv")
                        .metadata(java.util.Map.of("source", "hr-export")),
                RequestBody.fromString(roster))
            .eTag();

    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("rosters/2026-12-07.csv"));
    HeadObjectResponse head = s3.headObject(r -> r.bucket(BUCKET).key("rosters/2026-12-07.csv"));

    assertThat(got.asUtf8String()).isEqualTo(roster);
    assertThat(got.response().eTag()).isEqualTo(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(got.response().contentType()).isEqualTo("text/csv");
    assertThat(got.response().metadata()).containsEntry("source", "hr-export");
    assertThat(head.contentLength()).isEqualTo(roster.getBytes(StandardCharsets.UTF_8).length);
    assertThat(head.eTag()).isEqualTo(etag);
    assertThat(emulator.s3().object(BUCKET, "rosters/2026-12-07.csv"))
        .hasValueSatisfying(
            bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(roster));
  }

  @Test
  void theSdksChunkedUploadWithItsChecksumTrailerIsDecoded() {
    byte[] payload = new byte[200_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }

    s3.putObject(r -> r.bucket(BUCKET).key("plan.json"), RequestBody.fromBytes(payload));

    RecordedCall put = emulator.requestLog().calls().get(emulator.requestLog().calls().size() - 1);
    assertThat(put.operation()).isEqualTo("PutObject");
    assertThat(put.parameters().path("ContentLength").asInt())
        .as("what crossed the wire is framed, larger than the payload")
        .isGreaterThan(payload.length);
    assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("plan.json")).asByteArray())
        .isEqualTo(payload);
  }

  @Test
  void aChecksumThatDoesNotMatchThePayloadIsRefusedAndNothingIsStored() {
    assertThatThrownBy(
            () ->
                s3.putObject(
                    r -> r.bucket(BUCKET).key("plan.json").checksumCRC32("AAAAAA=="),
                    RequestBody.fromString("{}")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
            });
    assertThat(emulator.s3().keys(BUCKET)).isEmpty();
  }

  @Test
  void aStorageClassOrEncryptionS3DoesNotHaveIsRefusedAndNothingIsStored() {
    assertThatThrownBy(
            () ->
                s3.putObject(
                    r -> r.bucket(BUCKET).key("plan.json").storageClass("COLD"),
                    RequestBody.fromString("{}")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidStorageClass");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The storage class you specified is not valid");
            });
    assertThatThrownBy(
            () ->
                s3.putObject(
                    r -> r.bucket(BUCKET).key("plan.json").serverSideEncryption("kms"),
                    RequestBody.fromString("{}")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The encryption method specified is not supported");
            });
    assertThat(emulator.s3().keys(BUCKET)).isEmpty();
    s3.putObject(
        r ->
            r.bucket(BUCKET)
                .key("plan.json")
                .storageClass("STANDARD_IA")
                .serverSideEncryption("AES256"),
        RequestBody.fromString("{}"));
    assertThat(emulator.s3().keys(BUCKET)).containsExactly("plan.json");
  }

  @Test
  void aBucketHasAclsDisabledSoOnlyTheOwnersFullControlMayBeGiven() {
    assertThatThrownBy(
            () ->
                s3.putObject(
                    r -> r.bucket(BUCKET).key("plan.json").acl("public-read"),
                    RequestBody.fromString("{}")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("AccessControlListNotSupported");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The bucket does not allow ACLs");
            });
    assertThatThrownBy(
            () ->
                s3.putObject(
                    r -> r.bucket(BUCKET).key("plan.json").grantRead("id=another-account"),
                    RequestBody.fromString("{}")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("AccessControlListNotSupported"));
    assertThat(emulator.s3().keys(BUCKET)).isEmpty();
    s3.putObject(
        r -> r.bucket(BUCKET).key("plan.json").acl("bucket-owner-full-control"),
        RequestBody.fromString("{}"));
    assertThat(emulator.s3().keys(BUCKET)).containsExactly("plan.json");
    assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("studio-public").acl("public-read")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidBucketAclWithObjectOwnership"));
    assertThat(emulator.s3().hasBucket("studio-public")).isFalse();
  }

  @Test
  void virtualHostedAddressingThroughTheEndpointOverrideReachesTheSameBucket() {
    try (S3Client virtualHosted =
        S3Client.builder()
            .endpointOverride(URI.create("http://localhost:" + emulator.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClient(new WildcardDnsHttpClient())
            .build()) {
      virtualHosted.putObject(r -> r.bucket(BUCKET).key("a b+c.txt"), RequestBody.fromString("x"));

      assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("a b+c.txt")).asUtf8String())
          .as("written virtual-hosted, read path-style")
          .isEqualTo("x");
      assertThat(virtualHosted.headObject(r -> r.bucket(BUCKET).key("a b+c.txt")).contentLength())
          .isEqualTo(1L);
    }
  }

  @Test
  void callsAreAuthorizedAsTheServiceAuthorizationReferenceNamesTheirActions() {
    s3.putObject(r -> r.bucket(BUCKET).key("a"), RequestBody.fromString("1"));
    s3.headObject(r -> r.bucket(BUCKET).key("a"));
    s3.listObjectsV2(r -> r.bucket(BUCKET));

    assertThat(emulator.requestLog().calls())
        .extracting(RecordedCall::operation, RecordedCall::iamAction)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("PutObject", "s3:PutObject"),
            org.assertj.core.groups.Tuple.tuple("HeadObject", "s3:GetObject"),
            org.assertj.core.groups.Tuple.tuple("ListObjectsV2", "s3:ListBucket"));
  }

  @Test
  void missingKeysAndBucketsAreNamedByTheirErrors() {
    assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("absent.csv")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(() -> s3.headObject(r -> r.bucket(BUCKET).key("absent.csv")))
        .as("a HEAD's 404 has no body; the SDK tells it by status")
        .isInstanceOf(NoSuchKeyException.class);
    assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("no-such-bucket").key("a")))
        .isInstanceOf(NoSuchBucketException.class);
    assertThatThrownBy(() -> s3.createBucket(r -> r.bucket(BUCKET)))
        .isInstanceOf(BucketAlreadyOwnedByYouException.class);
  }

  @Test
  void deletingAKeyAnswersTheSameWhetherOrNotItExists() {
    s3.putObject(r -> r.bucket(BUCKET).key("a"), RequestBody.fromString("1"));

    s3.deleteObject(r -> r.bucket(BUCKET).key("a"));
    s3.deleteObject(r -> r.bucket(BUCKET).key("a"));

    assertThat(emulator.s3().keys(BUCKET)).isEmpty();
  }

  @Test
  void listingPagesThroughKeysInOrderAndRollsUpByTheDelimiter() {
    for (String key :
        List.of(
            "plans/2026-12-06/plan.json",
            "plans/2026-12-07/plan.json",
            "plans/b 1.csv",
            "plans/a+1.csv",
            "reports/r.json")) {
      s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key));
    }
    List<String> keys = new ArrayList<>();
    int pages = 0;
    for (ListObjectsV2Response page :
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix("plans/").maxKeys(2))) {
      page.contents().stream().map(S3Object::key).forEach(keys::add);
      pages++;
    }

    ListObjectsV2Response rolled =
        s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("plans/").delimiter("/"));

    assertThat(keys)
        .containsExactly(
            "plans/2026-12-06/plan.json",
            "plans/2026-12-07/plan.json",
            "plans/a+1.csv",
            "plans/b 1.csv");
    assertThat(pages).isEqualTo(2);
    assertThat(rolled.commonPrefixes())
        .extracting(p -> p.prefix())
        .containsExactly("plans/2026-12-06/", "plans/2026-12-07/");
    assertThat(rolled.contents())
        .extracting(S3Object::key)
        .containsExactly("plans/a+1.csv", "plans/b 1.csv");
    assertThat(rolled.keyCount()).isEqualTo(4);
  }

  @Test
  void aRolledUpPrefixCountsOnceAndTheNextPageStartsAfterIt() {
    for (String key : List.of("a/1", "a/2", "a/3", "b", "c/1")) {
      s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key));
    }
    List<String> seen = new ArrayList<>();
    for (ListObjectsV2Response page :
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).delimiter("/").maxKeys(1))) {
      page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
      page.contents().forEach(o -> seen.add(o.key()));
    }

    assertThat(seen).containsExactly("a/", "b", "c/");
  }

  @Test
  void aRequestTheEmulatorDoesNotImplementIsRefusedNotGuessed() {
    assertThatThrownBy(() -> s3.getObjectTagging(r -> r.bucket(BUCKET).key("a")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(501);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
              assertThat(e.awsErrorDetails().errorMessage()).contains("tagging");
            });
    assertThatThrownBy(() -> s3.listBuckets())
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
  }

  @Test
  void aBucketNameOutsideS3sRulesIsRefusedWhereverItComesFrom() {
    // The SDK checks names before sending; a template's bucket reaches the emulator unchecked.
    for (String name : List.of("Upper_Case", "192.168.5.4", "a..b", "ab", "-starts-with-hyphen")) {
      assertThatThrownBy(() -> emulator.s3().createBucket(name, "us-east-1"))
          .as(name)
          .hasMessage("The specified bucket is not valid.");
    }
    assertThat(emulator.s3().keys("Upper_Case")).isEmpty();
  }
}
