package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.definition.StatesNames;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.IdSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The state machines and executions the emulated Step Functions serves, Step Functions' limits, and
 * what every call relies on: lookups that answer StateMachineDoesNotExist or ExecutionDoesNotExist,
 * name rules, pages and timestamps. Its monitor guards the state machines, their tags and the
 * inputs given to StartExecution.
 */
final class StatesResources {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Step Functions' limits on names, definitions and payloads. */
  static final int NAME_MAX = 80;

  static final int ARN_MAX = 2048;
  static final int DEFINITION_MAX = 1_048_576;
  static final int INPUT_MAX_BYTES = 262_144;
  static final int ERROR_MAX = 256;
  static final int CAUSE_MAX = 32_768;
  static final int TOKEN_MAX = 1024;
  static final int PAGE_DEFAULT = 100;
  static final int PAGE_MAX = 1000;

  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\x21-\\x7e]+");
  static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");
  static final Pattern PROBLEM_LOCATION = Pattern.compile("State '([^']+)', field '([^'.\\[]+)");
  static final Set<String> STATUSES =
      Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
  static final Set<String> REDRIVE_FILTERS = Set.of("REDRIVEN", "NOT_REDRIVEN");
  static final Set<String> LOG_LEVELS = Set.of("ALL", "ERROR", "FATAL", "OFF");

  /** A state machine as CreateStateMachine made it. */
  record Deployed(
      StateMachine machine,
      String definitionText,
      JsonNode definitionTree,
      Instant creationDate,
      ObjectNode loggingConfiguration,
      ObjectNode tracingConfiguration) {}

  final ExecutionEngine engine;
  final IdSource ids;
  final Map<String, Deployed> stateMachines = new LinkedHashMap<>();
  final Map<String, JsonNode> tagsByArn = new LinkedHashMap<>();
  // The input of each execution started over the API, exactly as given: DescribeExecution
  // returns it and the idempotency rule of StartExecution compares it.
  final Map<String, String> inputs = new ConcurrentHashMap<>();

  StatesResources(ExecutionEngine engine, IdSource ids) {
    this.engine = engine;
    this.ids = ids;
  }

  Deployed deployed(String arn) {
    StatesArns.StateMachineRef ref = StatesArns.stateMachine(arn);
    Deployed deployed = null;
    if (ref.local() && ref.qualifier() == null) {
      synchronized (this) {
        deployed = stateMachines.get(arn);
      }
    }
    if (deployed == null) {
      throw StepFunctionsErrors.STATE_MACHINE_DOES_NOT_EXIST.about(arn);
    }
    return deployed;
  }

  Execution execution(String arn) {
    StatesArns.ExecutionRef ref = StatesArns.execution(arn);
    Optional<Execution> execution = ref.local() ? engine.execution(arn) : Optional.empty();
    return execution.orElseThrow(() -> StepFunctionsErrors.EXECUTION_DOES_NOT_EXIST.about(arn));
  }

  List<Execution> executionsOf(String stateMachineArn) {
    return engine.executions().stream()
        .filter(execution -> execution.stateMachine().arn().equals(stateMachineArn))
        .toList();
  }

  /** The input as given to StartExecution, or (started by the engine directly) as JSON. */
  String inputOf(Execution execution) {
    String given = inputs.get(execution.executionArn());
    return given != null ? given : json(execution.input());
  }

  static void checkName(String name) {
    try {
      StatesNames.checkName("name", name);
    } catch (IllegalArgumentException e) {
      throw StepFunctionsErrors.INVALID_NAME.about(name);
    }
  }

  static int pageSize(int maxResults) {
    return maxResults == 0 ? PAGE_DEFAULT : maxResults;
  }

  /** Timestamps in awsJson: epoch seconds with millisecond fractions. */
  static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  static String json(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
