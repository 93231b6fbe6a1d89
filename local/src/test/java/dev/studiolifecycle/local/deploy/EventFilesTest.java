package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.mock.MockConfig;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventBus;
import dev.studiolifecycle.local.hr.HrEventDelivery;
import dev.studiolifecycle.local.hr.HrEventReader;
import dev.studiolifecycle.local.hr.IncomingHrEvent;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import dev.studiolifecycle.validation.HrMessageParser;
import dev.studiolifecycle.validation.RequestSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file under events/ is accepted by what consumes it: handler fixtures by the runtime
 * serializer into the handler's input type (losing no field), state machine inputs by the input
 * schema (files named {@code invalid-*} must be rejected), raw HR events by the template's rules
 * (files named {@code not-matching-*} must match none) or by StartWorkflow, scenarios by the
 * scenario loader, ASL examples by the definition checker and their mock configurations by the mock
 * loader; the previous release's definition (upgrade/) by UpgradeTest. A folder nobody consumes
 * fails the test.
 */
class EventFilesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
  private final SamTemplate template = ProjectFiles.template();
  private final RequestSchema schema = RequestSchema.load();

  @Test
  void everyFolderOfEventsHasAConsumer() throws IOException {
    Set<String> known =
        new TreeSet<>(
            List.of(
                "statemachine", "hr", "identity-center", "scenarios", "asl", "roster", "upgrade"));
    ProjectFiles.FUNCTIONS.forEach(f -> known.add(f.fixtures()));
    try (Stream<Path> folders = Files.list(ProjectFiles.events())) {
      List<String> found = folders.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(known).as("folders with a consumer").containsAll(found);
    }
  }

  @Test
  void handlerFixturesMapIntoTheHandlersInputTypeWithoutLosingAField() throws Exception {
    int checked = 0;
    for (ProjectFiles.FunctionConvention convention : ProjectFiles.FUNCTIONS) {
      Path folder = ProjectFiles.events().resolve(convention.fixtures());
      List<Path> files = ProjectFiles.jsonFiles(folder);
      assertThat(files).as("fixtures in %s", folder).isNotEmpty();
      Type input =
          ProjectFiles.handlerInputType(
              Class.forName(
                  template.function(convention.logicalId()).orElseThrow().handlerClass()));
      for (Path file : files) {
        if (convention.logicalId().equals("ExecutionEndFunction")) {
          checkExecutionEndFixture(file);
        } else if (input == null) {
          checkValidateFixture(file);
        } else {
          checkRoundTrip(file, input);
          if (convention.logicalId().equals("StartWorkflowFunction")) {
            checkHrMessages(file);
          }
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(ProjectFiles.FUNCTIONS.size());
  }

  /**
   * An ExecutionEnd sample is the event Step Functions sends for an execution of the lifecycle
   * state machine, and the template's rule hands it to the function.
   */
  private void checkExecutionEndFixture(Path file) {
    JsonNode event = ProjectFiles.readJson(file);
    assertThat(event.path("detail-type").asText())
        .as(file.toString())
        .isEqualTo("Step Functions Execution Status Change");
    assertThat(event.at("/detail/stateMachineArn").asText())
        .as(file.toString())
        .isEqualTo(template.stateMachine(ProjectFiles.STATE_MACHINE).orElseThrow().arn());
    EventBus bus = new EventBus(template.eventRules(), new VirtualClock(NOW));
    String function = template.function("ExecutionEndFunction").orElseThrow().arn();
    assertThat(bus.put(new BusEvent("default", event)))
        .as("%s reaches ExecutionEndFunction", file)
        .singleElement()
        .satisfies(delivery -> assertThat(delivery.target().arn()).startsWith(function));
  }

  /**
   * The HR rosters (the demo's nightly one, the README's reconcile examples) read as their format
   * says; hr-export.csv's last row is meant to be skipped, by its line.
   */
  @Test
  void rosterFilesReadRowByRowAndSkipOnlyTheBadRowsMeantToBeBad() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> found = Files.list(ProjectFiles.events().resolve("roster"))) {
      found.sorted().forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      dev.studiolifecycle.roster.Roster roster =
          dev.studiolifecycle.roster.RosterReader.read(
              Files.readString(file),
              dev.studiolifecycle.roster.RosterReader.Format.of(file.getFileName().toString()));
      assertThat(roster.entries()).as(file.toString()).isNotEmpty();
      if (file.getFileName().toString().equals("hr-export.csv")) {
        assertThat(roster.problems())
            .extracting(dev.studiolifecycle.roster.Roster.Problem::line)
            .containsExactly(6);
      } else {
        assertThat(roster.problems()).as(file.toString()).isEmpty();
      }
    }
  }

  @Test
  void stateMachineInputsPassTheSchemaAndInvalidOnesAreRejected() {
    List<Path> files = ProjectFiles.jsonFiles(ProjectFiles.events().resolve("statemachine"));
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      List<String> violations = schema.violations(ProjectFiles.readJson(file));
      if (file.getFileName().toString().startsWith("invalid-")) {
        assertThat(violations).as("%s is meant to be invalid", file).isNotEmpty();
      } else {
        assertThat(violations).as(file.toString()).isEmpty();
      }
    }
  }

  @Test
  void hrEventsMatchTheTemplatesRulesOrReachStartWorkflow() {
    EventBus bus = new EventBus(template.eventRules(), new VirtualClock(NOW));
    String stateMachineArn = template.stateMachine(ProjectFiles.STATE_MACHINE).orElseThrow().arn();
    // HR events (on the HR bus their rules listen on), and IAM Identity Center's own events
    // (delivered the same way, on the default bus).
    List<Path> files = new ArrayList<>(ProjectFiles.jsonFiles(ProjectFiles.events().resolve("hr")));
    files.addAll(ProjectFiles.jsonFiles(ProjectFiles.events().resolve("identity-center")));
    int eventBridge = 0;
    int sns = 0;
    for (Path file : files) {
      IncomingHrEvent event = HrEventReader.read(file, NOW);
      boolean negative = file.getFileName().toString().startsWith("not-matching-");
      if (event instanceof IncomingHrEvent.EventBridge bridge) {
        eventBridge++;
        for (BusEvent busEvent : bridge.events()) {
          List<EventBus.Delivery> deliveries =
              bus.put(HrEventDelivery.onItsBus(template.eventRules(), busEvent));
          if (negative) {
            assertThat(deliveries).as("%s must match no rule", file).isEmpty();
            continue;
          }
          assertThat(deliveries)
              .as("%s must start exactly one execution", file)
              .singleElement()
              .satisfies(
                  delivery -> {
                    assertThat(delivery.target().arn()).isEqualTo(stateMachineArn);
                    JsonNode input =
                        delivery
                            .input()
                            .json()
                            .orElseThrow(
                                () ->
                                    new AssertionError(
                                        file
                                            + ": the rule's input is not JSON: "
                                            + delivery.input().text()));
                    assertThat(schema.violations(input))
                        .as("%s through %s", file, delivery.rule().logicalId())
                        .isEmpty();
                  });
        }
      } else {
        sns++;
        assertThat(negative).as("%s: an SNS message always reaches StartWorkflow", file).isFalse();
        JsonNode lambdaEvent = ((IncomingHrEvent.Sns) event).lambdaEvent();
        checkHrMessages(lambdaEvent, file.toString());
      }
    }
    assertThat(eventBridge).as("EventBridge samples").isGreaterThanOrEqualTo(3);
    assertThat(sns).as("SNS samples").isGreaterThanOrEqualTo(2);
    assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("not-matching-"));
  }

  @Test
  void aslExamplesPassTheCheckerAndTheirMocksNameTheirStates() throws IOException {
    Path folder = ProjectFiles.events().resolve("asl");
    List<Path> definitions =
        ProjectFiles.jsonFiles(folder).stream()
            .filter(f -> f.getFileName().toString().endsWith(".asl.json"))
            .toList();
    assertThat(definitions).isNotEmpty();
    for (Path definitionFile : definitions) {
      String name = definitionFile.getFileName().toString().replace(".asl.json", "");
      StateMachineDefinition definition =
          StateMachineDefinition.parse(Files.readString(definitionFile));
      assertThat(ProjectFiles.readJson(folder.resolve(name + ".input.json")).isObject())
          .as("%s has an input object", name)
          .isTrue();
      MockConfig mocks = MockConfig.load(folder.resolve(name + ".mock.json"));
      assertThat(mocks.testCases(name)).as("test cases of %s", name).isNotEmpty();
      for (String testCase : mocks.testCases(name)) {
        assertThat(mocks.testCase(name, testCase).check(definition))
            .as("test case %s of %s", testCase, name)
            .isEmpty();
      }
    }
  }

  @Test
  void scenariosLoad() {
    List<Path> files = ProjectFiles.jsonFiles(ProjectFiles.events().resolve("scenarios"));
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(ScenarioLoader.load(file)).as(file.toString()).isNotNull();
    }
  }

  private void checkValidateFixture(Path file) {
    JsonNode fixture = ProjectFiles.readJson(file);
    assertThat(fixture.isObject()).as(file.toString()).isTrue();
    Set<String> fields = new TreeSet<>();
    fixture.fieldNames().forEachRemaining(fields::add);
    assertThat(Set.of("request", "executionArn", "executionName", "startTime"))
        .as(file.toString())
        .containsAll(fields);
    List<String> violations = schema.violations(fixture.path("request"));
    if (file.getFileName().toString().startsWith("invalid-")) {
      assertThat(violations).as("%s is meant to be invalid", file).isNotEmpty();
    } else {
      assertThat(violations).as(file.toString()).isEmpty();
    }
  }

  private static void checkRoundTrip(Path file, Type input) throws IOException {
    PojoSerializer<Object> serializer = ProjectFiles.runtimeSerializer(input);
    byte[] bytes = Files.readAllBytes(file);
    Object value = serializer.fromJson(new ByteArrayInputStream(bytes));
    assertThat(value).as(file.toString()).isNotNull();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer.toJson(value, out);
    JsonNode original = ProjectFiles.JSON.readTree(bytes);
    JsonNode written = ProjectFiles.JSON.readTree(out.toByteArray());
    List<String> lost = new ArrayList<>();
    lostFields(original, written, "", lost);
    assertThat(lost).as("%s: fields that %s does not have", file, input.getTypeName()).isEmpty();
  }

  /** Paths of non-null values of {@code original} that {@code written} lacks. */
  private static void lostFields(
      JsonNode original, JsonNode written, String at, List<String> lost) {
    if (original.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String path = at + "." + field.getKey();
        if (field.getValue().isNull()) {
          continue;
        }
        JsonNode counterpart = findField(written, field.getKey());
        if (counterpart == null) {
          lost.add(path);
        } else {
          lostFields(field.getValue(), counterpart, path, lost);
        }
      }
    } else if (original.isArray()) {
      for (int i = 0; i < original.size(); i++) {
        if (written.isArray() && i < written.size()) {
          lostFields(original.get(i), written.get(i), at + "[" + i + "]", lost);
        } else {
          lost.add(at + "[" + i + "]");
        }
      }
    }
  }

  /** The Lambda events serializer writes some names in another case than SNS does. */
  private static JsonNode findField(JsonNode object, String name) {
    if (!object.isObject()) {
      return null;
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return object.get(candidate);
      }
    }
    return null;
  }

  private static void checkHrMessages(Path file) {
    if (!file.getFileName().toString().startsWith("malformed-")) {
      checkHrMessages(ProjectFiles.readJson(file), file.toString());
    }
  }

  private static void checkHrMessages(JsonNode lambdaEvent, String where) {
    JsonNode records = lambdaEvent.path("Records");
    assertThat(records.size()).as(where).isPositive();
    for (int i = 0; i < records.size(); i++) {
      String message = records.get(i).at("/Sns/Message").asText();
      try {
        assertThat(HrMessageParser.parse(message, where + " record " + i).action()).isNotNull();
      } catch (RuntimeException e) {
        throw new AssertionError(where + " record " + i + ": " + e.getMessage(), e);
      }
    }
  }
}
