package dev.studiolifecycle.local.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

class FaultInjectorTest {

  private static final String DOMAIN = "d-faultdomain01";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final EmulatorClients clients = aws.clients();

  @BeforeEach
  void seed() {
    emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "studio"));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN, "jane"));
  }

  @Test
  void throttlingBucketAllowsTheBurstThenRefillsWithVirtualTime() {
    emulator.faults().throttle("sagemaker", "DescribeUserProfile", 1.0, 2);

    describeJane();
    describeJane();
    assertThrottled(this::describeJane);
    clients.sageMaker.listApps(r -> {});
    emulator.virtualClock().advance(Duration.ofMillis(999));
    assertThrottled(this::describeJane);
    emulator.virtualClock().advance(Duration.ofMillis(1));
    describeJane();
    assertThrottled(this::describeJane);
    emulator.virtualClock().advance(Duration.ofMinutes(10));
    describeJane();
    describeJane();
    assertThrottled(this::describeJane);
  }

  @Test
  void queryServicesAnswerTheirOwnThrottlingCodes() {
    emulator.faults().throttle("iam", FaultInjector.ANY_OPERATION, 0.5, 1);
    emulator.faults().throttle("sns", "Publish", 0.5, 1);
    String topic = emulator.sns().seedTopic("notifications");

    assertThatThrownBy(() -> clients.iam.getRole(r -> r.roleName("x")))
        .isInstanceOf(NoSuchEntityException.class);
    assertThatThrownBy(() -> clients.iam.getRole(r -> r.roleName("x")))
        .isInstanceOfSatisfying(
            IamException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
              assertThat(e.isThrottlingException()).isTrue();
            });
    clients.sns.publish(r -> r.topicArn(topic).message("one"));
    assertThatThrownBy(() -> clients.sns.publish(r -> r.topicArn(topic).message("two")))
        .isInstanceOfSatisfying(
            ThrottledException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    assertThat(emulator.sns().publishedMessages()).hasSize(1);
  }

  @Test
  void injectedFailuresAnswerTheNextCallsWith5xxAndChangeNothing() {
    emulator
        .faults()
        .failTimes("sagemaker", "CreateUserProfile", InjectedFailure.INTERNAL_FAILURE, 1);
    emulator
        .faults()
        .failTimes("sagemaker", "CreateUserProfile", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    assertThatThrownBy(this::createJohn)
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            });
    assertThat(emulator.sageMaker().userProfileStatus(DOMAIN, "john")).isEmpty();
    assertThatThrownBy(this::createJohn)
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            });
    createJohn();

    assertThat(emulator.requestLog().calls("sagemaker", "CreateUserProfile"))
        .extracting(RecordedCall::httpStatus)
        .containsExactly(500, 503, 200);
  }

  @Test
  void probabilisticFailuresRepeatWithTheSameSeed() {
    List<Integer> first = statusesOfFiftyCalls(7L);
    List<Integer> second = statusesOfFiftyCalls(7L);

    assertThat(first).isEqualTo(second);
    assertThat(first).contains(200, 500);
  }

  @Test
  void clearRemovesEveryFault() {
    emulator.faults().throttle("sagemaker", "*", 0, 1);
    emulator.faults().failTimes("sagemaker", "*", InjectedFailure.INTERNAL_FAILURE, 5);
    emulator.faults().clear();

    // Neither the throttle (no token left) nor the five failures answer any more.
    assertThatCode(this::describeJane).doesNotThrowAnyException();
    assertThatCode(this::describeJane).doesNotThrowAnyException();
  }

  @Test
  void refusesNonsensicalRules() {
    FaultInjector faults = emulator.faults();

    assertThatThrownBy(
            () -> faults.failTimes("sagemaker", "X", InjectedFailure.INTERNAL_FAILURE, 0))
        .hasMessageContaining("times must be at least 1");
    assertThatThrownBy(
            () ->
                faults.failWithProbability("sagemaker", "X", InjectedFailure.INTERNAL_FAILURE, 1.5))
        .hasMessageContaining("probability");
    assertThatThrownBy(() -> faults.throttle("", "X", 1, 1)).hasMessageContaining("service");
    assertThatThrownBy(() -> InjectedFailure.fromCode("Boom"))
        .hasMessageContaining("expected InternalFailure or ServiceUnavailable");
  }

  private List<Integer> statusesOfFiftyCalls(long seed) {
    List<Integer> statuses = new ArrayList<>();
    try (AwsEmulator seeded = AwsEmulator.builder().randomSeed(seed).build().start();
        EmulatorClients seededClients = new EmulatorClients(seeded)) {
      seeded
          .faults()
          .failWithProbability("sts", "GetCallerIdentity", InjectedFailure.INTERNAL_FAILURE, 0.3);
      for (int i = 0; i < 50; i++) {
        try {
          seededClients.sts.getCallerIdentity();
          statuses.add(200);
        } catch (AwsServiceException e) {
          statuses.add(e.statusCode());
        }
      }
    }
    return statuses;
  }

  private void describeJane() {
    clients.sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane"));
  }

  private void createJohn() {
    clients.sageMaker.createUserProfile(r -> r.domainId(DOMAIN).userProfileName("john"));
  }

  private static void assertThrottled(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.isThrottlingException()).isTrue();
            });
  }
}
