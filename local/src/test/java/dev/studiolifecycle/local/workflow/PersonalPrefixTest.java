package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.runtime.StudioUser;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A team's buckets: the shared ones (executionRole.create.s3Buckets) every member reads and writes,
 * and the personal ones (s3PersonalBuckets) where each person has only her own prefix,
 * users/&lt;profile&gt;/. Jane and bob are onboarded by the workflow; their calls run as their
 * roles, with the S3 policy the workflow wrote, and the emulator evaluates them.
 */
class PersonalPrefixTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "d-studiolocal01";

  private LifecycleSimulation simulation;
  private StudioUser jane;
  private StudioUser bob;

  @BeforeEach
  void onboardJaneAndBob() {
    simulation = LifecycleSimulation.of("studio-domains.json");
    try (EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      aws.s3.createBucket(r -> r.bucket("team-home"));
      aws.s3.createBucket(r -> r.bucket("team-shared"));
    }
    onboard("jane-doe", "hr-home-1");
    onboard("bob-roe", "hr-home-2");
    jane = StudioUser.of(simulation.emulator(), DOMAIN, "jane-doe");
    bob = StudioUser.of(simulation.emulator(), DOMAIN, "bob-roe");
  }

  @AfterEach
  void close() {
    jane.close();
    bob.close();
    simulation.close();
  }

  private void onboard(String user, String requestId) {
    simulation.onboard(
        DOMAIN,
        user,
        requestId,
        create -> {
          create.putArray("s3Buckets").add("team-shared");
          create.putArray("s3PersonalBuckets").add("team-home");
        });
  }

  @Test
  void herPrefixIsHersToListReadWriteAndDelete() {
    S3Client s3 = jane.s3();
    s3.putObject(
        r -> r.bucket("team-home").key("users/jane-doe/notes.txt"), RequestBody.fromString("x"));

    assertThat(
            s3.getObjectAsBytes(r -> r.bucket("team-home").key("users/jane-doe/notes.txt"))
                .asUtf8String())
        .isEqualTo("x");
    assertThat(s3.listObjectsV2(r -> r.bucket("team-home").prefix("users/jane-doe/")).contents())
        .extracting(o -> o.key())
        .containsExactly("users/jane-doe/notes.txt");
    s3.deleteObject(r -> r.bucket("team-home").key("users/jane-doe/notes.txt"));
  }

  @Test
  void anotherPersonsPrefixAndTheRestOfThePersonalBucketAreRefused() {
    bob.s3()
        .putObject(
            r -> r.bucket("team-home").key("users/bob-roe/model.pkl"), RequestBody.fromString("b"));
    S3Client s3 = jane.s3();

    accessDenied(
        () -> s3.getObjectAsBytes(r -> r.bucket("team-home").key("users/bob-roe/model.pkl")),
        "s3:GetObject");
    accessDenied(
        () ->
            s3.putObject(
                r -> r.bucket("team-home").key("users/bob-roe/model.pkl"),
                RequestBody.fromString("overwritten")),
        "s3:PutObject");
    accessDenied(
        () -> s3.deleteObject(r -> r.bucket("team-home").key("users/bob-roe/model.pkl")),
        "s3:DeleteObject");
    accessDenied(
        () -> s3.listObjectsV2(r -> r.bucket("team-home").prefix("users/bob-roe/")),
        "s3:ListBucket");
    assertThat(s3.listObjectsV2(r -> r.bucket("team-home")).contents())
        .as(
            "AmazonSageMakerFullAccess allows s3:ListBucket on every bucket: a listing of the whole"
                + " bucket shows the names of bob's objects, never their contents")
        .extracting(o -> o.key())
        .containsExactly("users/bob-roe/model.pkl");
    accessDenied(
        () ->
            s3.putObject(
                r -> r.bucket("team-home").key("top-level.txt"), RequestBody.fromString("x")),
        "s3:PutObject");
    assertThat(
            bob.s3()
                .getObjectAsBytes(r -> r.bucket("team-home").key("users/bob-roe/model.pkl"))
                .asUtf8String())
        .isEqualTo("b");
  }

  @Test
  void theSharedBucketIsEveryMembersToo() {
    jane.s3()
        .putObject(r -> r.bucket("team-shared").key("data/train.csv"), RequestBody.fromString("1"));

    assertThat(
            bob.s3()
                .getObjectAsBytes(r -> r.bucket("team-shared").key("data/train.csv"))
                .asUtf8String())
        .isEqualTo("1");
    assertThat(bob.s3().listObjectsV2(r -> r.bucket("team-shared")).contents()).hasSize(1);
  }

  private static void accessDenied(ThrowingCallable call, String action) {
    assertThatThrownBy(call)
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403))
        .hasMessageContaining(action);
  }
}
