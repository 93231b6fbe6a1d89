package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.time.VirtualClock;
import dev.studiolifecycle.local.workflow.LifecycleSimulation.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One person, one order: requests apply in the order the HR system issued them ({@code
 * occurredAt}), whatever order they arrive in. A hire issued before a termination but delivered
 * after it is refused and notified, never run: it used to onboard the leaver again (or, during the
 * retention, give the access back).
 */
class EventOrderTest {

  private static final String DOMAIN = "d-studiolocal01";
  private static final Instant ORIGIN = VirtualClock.DEFAULT_ORIGIN;

  @Test
  void aHireIssuedBeforeATerminationButDeliveredAfterItIsRefusedAndTheLeaverStaysOffboarded() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json")) {
      Execution termination = startTermination(simulation);
      simulation.runtime().awaitExecution(termination.executionArn());
      assertThat(termination.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

      Execution lateHire = simulation.start("late-hire", hire(ORIGIN.minus(Duration.ofHours(2))));
      simulation.runtime().awaitExecution(lateHire.executionArn());

      assertThat(lateHire.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(lateHire)).startsWith("Validate", "RequestRejected").endsWith("Rejected");
      assertThat(lateHire.error()).contains("dev.studiolifecycle.error.EventSuperseded");
      assertThat(lateHire.cause().orElse(""))
          .contains("occurredAt: this ONBOARD of jane-doe was issued at 2026-01-05T07:00:00Z")
          .contains("before OFFBOARD hr-2026-000417 (issued at 2026-01-05T08:00:00Z)");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .as("the leaver is not onboarded again")
          .isEmpty();
      Notification notification = simulation.notification(lateHire);
      assertThat(notification.outcome()).isEqualTo("FAILED");
      assertThat(notification.message().path("reason").asText()).isEqualTo("REJECTED");
      assertThat(notification.message().path("error").asText())
          .isEqualTo("dev.studiolifecycle.error.EventSuperseded");
      assertThat(latest(simulation))
          .as("the record still names the termination")
          .containsEntry("requestId", "hr-2026-000417")
          .containsEntry("action", "OFFBOARD")
          .containsEntry("occurredAt", "2026-01-05T08:00:00Z");
    }
  }

  @Test
  void duringTheRetentionAnOlderHireLeavesAccessRevokedAndALaterOneGivesItBack() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      Execution termination = startTermination(simulation);
      List<Execution> hires = new ArrayList<>();
      simulation.at(
          Duration.ofDays(1),
          () -> hires.add(simulation.start("stale-hire", hire(ORIGIN.minus(Duration.ofHours(2))))));
      simulation.at(
          Duration.ofDays(2),
          () -> hires.add(simulation.start("rehire", hire(ORIGIN.plus(Duration.ofDays(2))))));

      simulation.runtime().awaitExecution(termination.executionArn());
      Execution stale = hires.get(0);
      Execution rehire = hires.get(1);
      simulation.runtime().awaitExecution(rehire.executionArn());

      assertThat(stale.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(stale.error()).contains("dev.studiolifecycle.error.EventSuperseded");
      assertThat(rehire.status())
          .as(rehire.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Duration.between(ORIGIN, rehire.startDate()))
          .as("the stale hire lifted nothing: the revoke held until the later hire")
          .isEqualTo(Duration.ofDays(2));
      assertThat(path(termination)).contains("NotifyOffboardingCancelled");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(latest(simulation)).containsEntry("action", "ONBOARD");
    }
  }

  @Test
  void aStaleHireAfterTheTerminationRevokedButBeforeItsRetentionEndedNeverLiftsTheRevoke() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      Execution termination = startTermination(simulation);
      List<Execution> hires = new ArrayList<>();
      simulation.at(
          Duration.ofHours(1),
          () -> hires.add(simulation.start("stale-hire", hire(ORIGIN.minus(Duration.ofHours(2))))));
      List<Boolean> revokedAfterTheStaleHire = new ArrayList<>();
      simulation.at(
          Duration.ofHours(2),
          () -> revokedAfterTheStaleHire.add(simulation.revoked(DOMAIN, "jane-doe")));

      simulation.runtime().awaitExecution(termination.executionArn());

      assertThat(hires.get(0).status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(revokedAfterTheStaleHire).as("access stays revoked").containsExactly(true);
      assertThat(path(termination))
          .as("the termination deleted after its retention")
          .doesNotContain("NotifyOffboardingCancelled");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
    }
  }

  @Test
  void anEventFromTheFutureIsRefusedNamingOccurredAtAndRecordsNothing() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      Execution execution =
          simulation.start("future-hire", hire(ORIGIN.plus(Duration.ofMinutes(6))));
      simulation.runtime().awaitExecution(execution.executionArn());

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.ValidationError");
      assertThat(execution.cause().orElse(""))
          .contains("occurredAt: 2026-01-05T09:06:00Z is more than 5 minutes after");
      assertThat(simulation.emulator().dynamoDb().item("EventOrderTable", DOMAIN + "/jane-doe"))
          .isEmpty();
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
    }
  }

  @Test
  void aRequestWithoutOccurredAtCountsFromItsStartAndNamesTheCaseFoldedProfile() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      ObjectNode hire = (ObjectNode) LifecycleSimulation.input("onboard-iam-new-role.json");
      hire.put("userProfileName", "Jane-Doe");
      Execution execution = simulation.start("operator-hire", hire);
      simulation.runtime().awaitExecution(execution.executionArn());

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(latest(simulation))
          .containsEntry("occurredAt", ORIGIN.toString())
          .containsEntry("executionName", "operator-hire")
          .containsEntry("eventTimeMillis", Long.toString(ORIGIN.toEpochMilli()));
    }
  }

  /** The person's order record: attribute name to its S or N value. */
  private static Map<String, String> latest(LifecycleSimulation simulation) {
    JsonNode item =
        simulation
            .emulator()
            .dynamoDb()
            .item("EventOrderTable", DOMAIN + "/jane-doe")
            .orElseThrow(() -> new AssertionError("no order record for jane-doe"));
    Map<String, String> values = new TreeMap<>();
    item.fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().elements().next().asText()));
    return values;
  }

  /** Jane's termination, issued an hour before the virtual clock starts (hr-2026-000417). */
  private static Execution startTermination(LifecycleSimulation simulation) {
    ObjectNode terminate = (ObjectNode) LifecycleSimulation.input("offboard-delete-role.json");
    terminate
        .put("domainId", DOMAIN)
        .put("occurredAt", ORIGIN.minus(Duration.ofHours(1)).toString());
    return simulation.start("termination", terminate);
  }

  private static ObjectNode hire(Instant occurredAt) {
    ObjectNode hire = (ObjectNode) LifecycleSimulation.input("onboard-iam-new-role.json");
    hire.put("occurredAt", occurredAt.toString())
        .put("requestId", "hr-hire-" + occurredAt.getEpochSecond());
    return hire;
  }
}
