package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RetentionDays: an offboarding cuts access and deletes the running apps at once, keeps the private
 * spaces (their storage) and the profile for the retention, then deletes them. Jane's starting
 * point is events/scenarios/offboarding-jane-doe.json: Canvas on her profile, JupyterLab in a
 * private space.
 */
class RetentionTest {

  private static final String DOMAIN = "d-studiolocal01";

  @Test
  void revokedAndAppsDeletedAtOnceSpacesAndProfileKeptForTheRetentionThenDeleted() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      List<String> duringRetention = new ArrayList<>();
      simulation.at(
          Duration.ofDays(1),
          () -> {
            var sageMaker = simulation.emulator().sageMaker();
            duringRetention.add("profile " + sageMaker.userProfileStatus(DOMAIN, "jane-doe"));
            duringRetention.add(
                "space " + sageMaker.spaceOwnership(DOMAIN, "jane-doe-private").isPresent());
            // A deleted app is listed Deleted for a while, then not at all.
            duringRetention.add(
                "app gone "
                    + sageMaker
                        .appStatus(DOMAIN, "jane-doe", null, "JupyterServer", "default")
                        .map(status -> status == AppStatus.DELETED)
                        .orElse(true));
          });

      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution))
          .containsSubsequence(
              "RevokeAccess",
              "RetainOrDelete",
              "DeleteRunningApps",
              "WaitForRunningApps",
              "AwaitRunningApps",
              "NotifyRetained",
              "Retain",
              "DeleteUserResources",
              "AwaitDeletions",
              "DeleteExecutionRole",
              "NotifyOffboarded");
      assertThat(duringRetention)
          .containsExactly(
              "profile " + Optional.of(ResourceStatus.IN_SERVICE), "space true", "app gone true");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      Duration took = Duration.between(execution.startDate(), execution.stopDate().orElseThrow());
      assertThat(took).isBetween(Duration.ofDays(7), Duration.ofDays(7).plusMinutes(20));

      List<PublishedMessage> messages = simulation.runtime().notifications();
      assertThat(messages)
          .extracting(PublishedMessage::subject)
          .containsExactly("Revoked jane-doe: deletion in 7 days", "Offboarded jane-doe");
      JsonNode notice = LifecycleSimulation.parse(messages.get(0).message());
      assertThat(notice.path("outcome").asText()).isEqualTo("REVOKED");
      assertThat(notice.at("/accessRevoked/executionRoleDenied").asBoolean()).isTrue();
      assertThat(notice.at("/deleted/appCount").asInt()).isEqualTo(2);
      assertThat(notice.at("/kept/spaceCount").asInt()).isEqualTo(1);
      assertThat(notice.path("retentionDays").asInt()).isEqualTo(7);
    }
  }
}
