package dev.studiolifecycle.local.hr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the HR system starts the workflow: with HrPublisherArn set, the HR topic's and the HR bus's
 * policies deny sns:Publish and events:PutEvents to every other principal, those of this account
 * too (an explicit deny in a resource policy refuses whatever identity policies allow: IAM User
 * Guide, "Policy evaluation logic"). Delivered with the role that publishes them, the HR system's
 * events start executions and anyone else's start nothing.
 */
class HrPublisherDeliveryTest {

  private static final Path ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toAbsolutePath();
  private static final String HR_SYSTEM = "arn:aws:iam::123456789012:role/integrations/hr-system";
  private static final String SOMEONE = "arn:aws:iam::123456789012:role/data-scientist";

  private static List<Outcome> deliver(String file, String publisher) {
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(ROOT)
            .scenario(ScenarioLoader.load(ROOT.resolve("events/scenarios/studio-domains.json")))
            .parameter("HrPublisherArn", HR_SYSTEM)
            .build()) {
      HrEventDelivery delivery =
          new HrEventDelivery(
              runtime, new PrintStream(OutputStream.nullOutputStream()), Optional.of(publisher));
      List<Outcome> outcomes =
          delivery.deliver(HrEventReader.read(ROOT.resolve(file), Instant.EPOCH));
      assertThat(runtime.engine().executions().size())
          .as("executions started")
          .isEqualTo(outcomes.stream().filter(o -> o.started() != null).count());
      return outcomes;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"events/hr/employee-hired.json", "events/hr/employee-hired-sns.json"})
  void theHrSystemsEventStartsTheOnboarding(String file) {
    List<Outcome> outcomes = deliver(file, HR_SYSTEM);

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).started().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"events/hr/employee-hired.json", "events/hr/employee-hired-sns.json"})
  void anyoneElsesEventIsRefusedAndStartsNothing(String file) {
    List<Outcome> outcomes = deliver(file, SOMEONE);

    assertThat(outcomes).singleElement().isInstanceOf(Outcome.RefusedToPublisher.class);
    assertThat(outcomes.get(0).said())
        .contains(SOMEONE + " is not authorized to perform: ")
        .contains("with an explicit deny in a resource-based policy (OnlyTheHr")
        .endsWith("; nothing is delivered");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::999999999999:role/hr-system",
        "hr-system",
        "arn:aws:iam::123:user/x"
      })
  void aPublisherThatIsNotARoleOfThisAccountIsRefusedBeforeAnythingIsDelivered(String publisher) {
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(ROOT)
            .scenario(ScenarioLoader.load(ROOT.resolve("events/scenarios/studio-domains.json")))
            .build()) {
      assertThatThrownBy(
              () ->
                  new HrEventDelivery(
                      runtime,
                      new PrintStream(OutputStream.nullOutputStream()),
                      Optional.of(publisher)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a role ARN of account 123456789012");
    }
  }
}
