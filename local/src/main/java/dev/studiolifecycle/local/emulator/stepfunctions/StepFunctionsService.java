package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.engine.StatesNames;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryJson;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Step Functions on the emulator (protocol awsJson1_0, {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}): state machines are kept here, executions are run by the embedded
 * interpreter's {@link ExecutionEngine}. StartExecution returns as soon as the execution is
 * RUNNING; whoever owns the engine drives it (a background thread, or a caller in virtual time), so
 * executions started over the API and those the engine started directly are one population.
 *
 * <p>Served: CreateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine,
 * StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution. Any other
 * operation is answered {@code UnknownOperationException}.
 */
public final class StepFunctionsService implements EmulatedService {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Step Functions' limits on names, definitions and payloads. */
  private static final int NAME_MAX = 80;

  private static final int ARN_MAX = 2048;
  private static final int DEFINITION_MAX = 1_048_576;
  private static final int INPUT_MAX_BYTES = 262_144;
  private static final int ERROR_MAX = 256;
  private static final int CAUSE_MAX = 32_768;
  private static final int TOKEN_MAX = 1024;
  private static final int PAGE_DEFAULT = 100;
  private static final int PAGE_MAX = 1000;

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\x21-\\x7e]+");
  private static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");
  private static final Pattern PROBLEM_LOCATION =
      Pattern.compile("State '([^']+)', field '([^'.\\[]+)");
  private static final Set<String> STATUSES =
      Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
  private static final Set<String> REDRIVE_FILTERS = Set.of("REDRIVEN", "NOT_REDRIVEN");
  private static final Set<String> LOG_LEVELS = Set.of("ALL", "ERROR", "FATAL", "OFF");

  /** A state machine as CreateStateMachine made it. */
  private record Deployed(
      StateMachine machine,
      String definitionText,
      JsonNode definitionTree,
      Instant creationDate,
      ObjectNode loggingConfiguration,
      ObjectNode tracingConfiguration) {}

  private final ExecutionEngine engine;
  private final IdSource ids;
  private final Map<String, Deployed> stateMachines = new LinkedHashMap<>();
  private final Map<String, JsonNode> tagsByArn = new LinkedHashMap<>();
  // The input of each execution started over the API, exactly as given: DescribeExecution
  // returns it and the idempotency rule of StartExecution compares it.
  private final Map<String, String> inputs = new ConcurrentHashMap<>();

  /**
   * @param engine runs the executions; its task invoker decides which Task resources a definition
   *     may use (others are refused as InvalidDefinition)
   * @param randomSeed seeds the names of executions started without one
   */
  public StepFunctionsService(ExecutionEngine engine, long randomSeed) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ids = new IdSource(randomSeed);
  }

  @Override
  public String signingName() {
    return "states";
  }

  @Override
  public WireProtocol protocol() {
    return new WireProtocol.AwsJson("1.0", "AWSStepFunctions");
  }

  @Override
  public List<Operation> operations() {
    return List.of(
        Operation.mutating("CreateStateMachine", this::createStateMachine),
        Operation.reading("DescribeStateMachine", this::describeStateMachine),
        Operation.reading("ListStateMachines", this::listStateMachines),
        Operation.mutating("DeleteStateMachine", this::deleteStateMachine),
        Operation.mutating("StartExecution", this::startExecution),
        Operation.reading("DescribeExecution", this::describeExecution),
        Operation.reading("ListExecutions", this::listExecutions),
        Operation.reading("GetExecutionHistory", this::getExecutionHistory),
        Operation.mutating("StopExecution", this::stopExecution),
        Operation.reading("ValidateStateMachineDefinition", this::validateDefinition),
        Operation.reading("DescribeStateMachineForExecution", this::describeForExecution),
        Operation.reading("ListTagsForResource", this::listTagsForResource));
  }

  public ExecutionEngine engine() {
    return engine;
  }

  /**
   * CreateStateMachine from Java, for what a deployment creates before anyone calls the API (the
   * state machines of template.yaml). Same rules as the API: idempotent for the same definition.
   *
   * @throws AwsServiceError with the API's error code, e.g. {@code InvalidDefinition} listing the
   *     checker's problems
   */
  public StateMachine createStateMachine(String name, String definition, String roleArn) {
    ObjectNode request = JSON.objectNode();
    request.put("name", name);
    request.put("definition", definition);
    request.put("roleArn", roleArn);
    String arn = create(request).get("stateMachineArn").asText();
    return stateMachine(arn).orElseThrow();
  }

  /** The state machine of that (unqualified) ARN, if it exists. */
  public synchronized Optional<StateMachine> stateMachine(String arn) {
    return Optional.ofNullable(stateMachines.get(arn)).map(Deployed::machine);
  }

  /** Every state machine, oldest first. */
  public synchronized List<StateMachine> stateMachines() {
    return stateMachines.values().stream().map(Deployed::machine).toList();
  }

  // ---------------------------------------------------------------- state machines

  private ServiceReply createStateMachine(ServiceRequest request) {
    return ServiceReply.json(create(request.input()));
  }

  private ObjectNode create(JsonNode body) {
    StatesInput input = new StatesInput(body);
    String name = input.requiredString("name", NAME_MAX);
    String definition = input.requiredString("definition", DEFINITION_MAX);
    String roleArn = input.requiredString("roleArn", 256);
    String type = input.enumeration("type", TYPES);
    JsonNode logging = input.object("loggingConfiguration");
    JsonNode tracing = input.object("tracingConfiguration");
    JsonNode encryption = input.object("encryptionConfiguration");
    JsonNode tags = input.array("tags");
    boolean publish = input.bool("publish", false);
    input.string("versionDescription", 256);
    input.check();
    checkName(name);
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw StepFunctionsErrors.invalidArn(roleArn);
    }
    if ("EXPRESS".equals(type)) {
      throw StepFunctionsErrors.typeNotSupported(
          "The studio-lifecycle emulator runs STANDARD state machines only; EXPRESS workflows "
              + "are not supported.");
    }
    if (publish) {
      throw StepFunctionsErrors.validation(
          "publish: state machine versions are not supported by the studio-lifecycle emulator");
    }
    if (encryption != null
        && !"AWS_OWNED_KEY".equals(encryption.path("type").asText("AWS_OWNED_KEY"))) {
      throw StepFunctionsErrors.validation(
          "encryptionConfiguration.type: only AWS_OWNED_KEY is supported by the "
              + "studio-lifecycle emulator");
    }
    ObjectNode loggingConfiguration = loggingConfiguration(logging);
    ObjectNode tracingConfiguration = JSON.objectNode();
    tracingConfiguration.put("enabled", tracing != null && tracing.path("enabled").asBoolean());
    StateMachineDefinition parsed = parseDefinition(definition);
    String arn = LocalAccount.stateMachineArn(name);
    synchronized (this) {
      Deployed existing = stateMachines.get(arn);
      if (existing != null) {
        // AWS: idempotent on name, definition, type, logging and tracing configuration; a
        // different roleArn or different tags are ignored, anything else is a conflict.
        if (existing.definitionTree().equals(parsed.json())
            && existing.loggingConfiguration().equals(loggingConfiguration)
            && existing.tracingConfiguration().equals(tracingConfiguration)) {
          return created(existing);
        }
        throw StepFunctionsErrors.stateMachineAlreadyExists(arn);
      }
      StateMachine machine = new StateMachine(name, arn, roleArn, parsed);
      Deployed deployed =
          new Deployed(
              machine,
              definition,
              parsed.json(),
              engine.clock().instant(),
              loggingConfiguration,
              tracingConfiguration);
      stateMachines.put(arn, deployed);
      tagsByArn.put(arn, tags == null ? JSON.arrayNode() : tags.deepCopy());
      return created(deployed);
    }
  }

  private static ObjectNode created(Deployed deployed) {
    ObjectNode out = JSON.objectNode();
    out.put("stateMachineArn", deployed.machine().arn());
    out.put("creationDate", epochSeconds(deployed.creationDate()));
    return out;
  }

  private StateMachineDefinition parseDefinition(String definition) {
    StateMachineDefinition parsed;
    try {
      parsed = StateMachineDefinition.parse(definition);
      engine.checkRunnable(parsed);
    } catch (DefinitionException e) {
      throw StepFunctionsErrors.invalidDefinition(String.join("; ", e.problems()));
    }
    return parsed;
  }

  private static ObjectNode loggingConfiguration(JsonNode given) {
    ObjectNode out = JSON.objectNode();
    if (given == null) {
      out.put("level", "OFF");
      out.put("includeExecutionData", false);
      return out;
    }
    StatesInput input = new StatesInput(given);
    String level = input.enumeration("level", LOG_LEVELS);
    boolean includeExecutionData = input.bool("includeExecutionData", false);
    JsonNode destinations = input.array("destinations");
    input.check();
    out.put("level", level == null ? "OFF" : level);
    out.put("includeExecutionData", includeExecutionData);
    if (destinations != null && !destinations.isEmpty()) {
      out.set("destinations", destinations.deepCopy());
    }
    return out;
  }

  private ServiceReply describeStateMachine(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("stateMachineArn", ARN_MAX);
    input.check();
    Deployed deployed = deployed(arn);
    ObjectNode out = described(deployed.machine(), deployed);
    out.put("status", "ACTIVE");
    out.put("type", "STANDARD");
    out.put("creationDate", epochSeconds(deployed.creationDate()));
    return ServiceReply.json(out);
  }

  /**
   * What DescribeStateMachine and DescribeStateMachineForExecution both tell of a state machine;
   * {@code deployed} is null for one the engine runs without the API having created it.
   */
  private static ObjectNode described(StateMachine machine, Deployed deployed) {
    ObjectNode out = JSON.objectNode();
    out.put("stateMachineArn", machine.arn());
    out.put("name", machine.name());
    out.put(
        "definition",
        deployed != null ? deployed.definitionText() : machine.definition().json().toString());
    out.put("roleArn", machine.roleArn());
    if (deployed != null) {
      out.set("loggingConfiguration", deployed.loggingConfiguration().deepCopy());
      out.set("tracingConfiguration", deployed.tracingConfiguration().deepCopy());
    }
    return out;
  }

  /**
   * ValidateStateMachineDefinition: the checker's problems as ERROR diagnostics, each located at
   * {@code /States/<state>/<field>} where the problem names them. What only the local interpreter
   * cannot run is not a diagnostic: AWS would accept it.
   */
  private ServiceReply validateDefinition(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String definition = input.requiredString("definition", DEFINITION_MAX);
    input.enumeration("type", TYPES);
    // The checker reports errors only, so the lowest severity asked for changes nothing.
    input.enumeration("severity", Set.of("ERROR", "WARNING"));
    int maxResults = input.integer("maxResults", 0, 100, 0);
    input.check();
    List<ObjectNode> diagnostics = new ArrayList<>();
    try {
      LocalJson.MAPPER.readTree(definition);
      StateMachineDefinition.parse(definition);
    } catch (JsonProcessingException e) {
      diagnostics.add(diagnostic("INVALID_JSON_DESCRIPTION", e.getOriginalMessage(), null));
    } catch (DefinitionException e) {
      for (String problem : e.problems()) {
        Matcher at = PROBLEM_LOCATION.matcher(problem);
        String location = at.find() ? "/States/" + at.group(1) + "/" + at.group(2) : null;
        diagnostics.add(diagnostic("SCHEMA_VALIDATION_FAILED", problem, location));
      }
    }
    int limit = maxResults == 0 ? 100 : maxResults;
    ObjectNode out = JSON.objectNode();
    out.put("result", diagnostics.isEmpty() ? "OK" : "FAIL");
    ArrayNode list = out.putArray("diagnostics");
    diagnostics.stream().limit(limit).forEach(list::add);
    out.put("truncated", diagnostics.size() > limit);
    return ServiceReply.json(out);
  }

  private static ObjectNode diagnostic(String code, String message, String location) {
    ObjectNode item = JSON.objectNode();
    item.put("severity", "ERROR");
    item.put("code", code);
    item.put("message", message);
    if (location != null) {
      item.put("location", location);
    }
    return item;
  }

  private ServiceReply describeForExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", ARN_MAX);
    input.enumeration("includedData", Set.of("ALL_DATA", "METADATA_ONLY"));
    input.check();
    Execution execution = execution(arn);
    Deployed deployed;
    synchronized (this) {
      deployed = stateMachines.get(execution.stateMachine().arn());
    }
    ObjectNode out = described(execution.stateMachine(), deployed);
    out.put(
        "updateDate",
        epochSeconds(deployed != null ? deployed.creationDate() : execution.startDate()));
    return ServiceReply.json(out);
  }

  private ServiceReply listTagsForResource(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("resourceArn", ARN_MAX);
    input.check();
    JsonNode tags;
    synchronized (this) {
      tags = stateMachines.containsKey(arn) ? tagsByArn.get(arn) : null;
    }
    if (tags == null) {
      if (!arn.startsWith("arn:aws:states:")) {
        throw StepFunctionsErrors.invalidArn("Invalid Arn: '" + arn + "'");
      }
      throw new AwsServiceError("ResourceNotFound", 400, "Resource not found: '" + arn + "'");
    }
    ObjectNode out = JSON.objectNode();
    out.set("tags", tags.deepCopy());
    return ServiceReply.json(out);
  }

  private ServiceReply listStateMachines(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    int maxResults = input.integer("maxResults", 0, PAGE_MAX, 0);
    String nextToken = input.string("nextToken", TOKEN_MAX);
    input.check();
    List<Deployed> all;
    synchronized (this) {
      all = List.copyOf(stateMachines.values());
    }
    PageTokens.Page<Deployed> page =
        PageTokens.page(all, nextToken, pageSize(maxResults), "ListStateMachines");
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("stateMachines");
    for (Deployed deployed : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineArn", deployed.machine().arn());
      item.put("name", deployed.machine().name());
      item.put("type", "STANDARD");
      item.put("creationDate", epochSeconds(deployed.creationDate()));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  private ServiceReply deleteStateMachine(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("stateMachineArn", ARN_MAX);
    input.check();
    StatesArns.StateMachineRef ref = StatesArns.stateMachine(arn);
    if (ref.qualifier() != null) {
      throw StepFunctionsErrors.validation(
          "Deleting a version or alias is not supported by the studio-lifecycle emulator: '"
              + arn
              + "'");
    }
    Deployed removed;
    synchronized (this) {
      removed = stateMachines.remove(arn);
    }
    if (removed != null) {
      // AWS terminates the executions of a deleted state machine at their next transition;
      // here they end at once, ABORTED, and stay describable.
      for (Execution execution : executionsOf(arn)) {
        if (!execution.isDone()) {
          engine.stop(execution, null, null);
        }
      }
    }
    // Deleting a state machine that does not exist succeeds, as on AWS.
    return ServiceReply.emptyJson();
  }

  // ---------------------------------------------------------------- executions

  private ServiceReply startExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("stateMachineArn", ARN_MAX);
    String name = input.string("name", NAME_MAX);
    String inputText = input.string("input", Integer.MAX_VALUE);
    input.string("traceHeader", 256);
    if (inputText != null && inputText.getBytes(StandardCharsets.UTF_8).length > INPUT_MAX_BYTES) {
      input.violation(
          "Value at 'input' failed to satisfy constraint: Member must have length "
              + "less than or equal to "
              + INPUT_MAX_BYTES);
    }
    if (name != null && name.isEmpty()) {
      input.violation(
          "Value '' at 'name' failed to satisfy constraint: Member must have length "
              + "greater than or equal to 1");
    }
    input.check();
    Deployed deployed = deployed(arn);
    String executionName = name != null ? name : ids.uuid();
    checkName(executionName);
    String text = inputText != null ? inputText : "{}";
    JsonNode parsedInput;
    try {
      parsedInput = LocalJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.invalidExecutionInput(e.getOriginalMessage());
    }
    if (parsedInput == null || parsedInput.isMissingNode()) {
      // StartExecution's input is any JSON text (an object, array, string, number, boolean or
      // null: Step Functions accepts them all); blank text is none of those.
      throw StepFunctionsErrors.invalidExecutionInput("the input is not JSON text");
    }
    String executionArn = LocalAccount.executionArn(deployed.machine().name(), executionName);
    Execution execution;
    synchronized (this) {
      Optional<Execution> existing = engine.execution(executionArn);
      if (existing.isPresent()) {
        // AWS: the same name and input as an open execution is the same call again; a closed
        // execution or another input is ExecutionAlreadyExists.
        if (!existing.get().isDone() && text.equals(inputOf(existing.get()))) {
          return ServiceReply.json(started(existing.get()));
        }
        throw StepFunctionsErrors.executionAlreadyExists(executionArn);
      }
      inputs.put(executionArn, text);
      try {
        execution = engine.start(deployed.machine(), executionName, parsedInput);
      } catch (IllegalArgumentException | DefinitionException e) {
        inputs.remove(executionArn);
        throw new IllegalStateException(
            "the interpreter refused an execution the service " + "accepted: " + e.getMessage(), e);
      }
    }
    return ServiceReply.json(started(execution));
  }

  private static ObjectNode started(Execution execution) {
    ObjectNode out = JSON.objectNode();
    out.put("executionArn", execution.executionArn());
    out.put("startDate", epochSeconds(execution.startDate()));
    return out;
  }

  private ServiceReply describeExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", ARN_MAX);
    input.string("includedData", 64);
    input.check();
    Execution execution = execution(arn);
    ObjectNode out = JSON.objectNode();
    out.put("executionArn", execution.executionArn());
    out.put("stateMachineArn", execution.stateMachine().arn());
    out.put("name", execution.name());
    ExecutionStatus status = execution.status();
    out.put("status", status.name());
    out.put("startDate", epochSeconds(execution.startDate()));
    execution.stopDate().ifPresent(stop -> out.put("stopDate", epochSeconds(stop)));
    out.put("input", inputOf(execution));
    out.putObject("inputDetails").put("included", true);
    if (status == ExecutionStatus.SUCCEEDED) {
      out.put("output", json(execution.output().orElseThrow()));
      out.putObject("outputDetails").put("included", true);
    }
    // A timed-out execution's States.Timeout shows only in its history, as on AWS.
    if (status == ExecutionStatus.FAILED || status == ExecutionStatus.ABORTED) {
      execution.error().ifPresent(error -> out.put("error", error));
      execution.cause().ifPresent(cause -> out.put("cause", cause));
    }
    return ServiceReply.json(out);
  }

  private ServiceReply listExecutions(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.string("stateMachineArn", ARN_MAX);
    String mapRunArn = input.string("mapRunArn", ARN_MAX);
    String statusFilter = input.enumeration("statusFilter", STATUSES);
    String redriveFilter = input.enumeration("redriveFilter", REDRIVE_FILTERS);
    int maxResults = input.integer("maxResults", 0, PAGE_MAX, 0);
    String nextToken = input.string("nextToken", TOKEN_MAX);
    input.check();
    if (mapRunArn != null) {
      throw StepFunctionsErrors.validation(
          "mapRunArn: Map Runs (Distributed Map) are not "
              + "supported by the studio-lifecycle emulator");
    }
    if (arn == null) {
      throw StepFunctionsErrors.validation("Must provide a StateMachine ARN or MapRun ARN");
    }
    deployed(arn);
    List<Execution> matching = new ArrayList<>();
    for (Execution execution : executionsOf(arn)) {
      if (statusFilter != null && !execution.status().name().equals(statusFilter)) {
        continue;
      }
      // No execution is ever redriven here.
      if ("REDRIVEN".equals(redriveFilter)) {
        continue;
      }
      matching.add(execution);
    }
    // Most recent first, as the API documents.
    Collections.reverse(matching);
    PageTokens.Page<Execution> page =
        PageTokens.page(
            matching,
            nextToken,
            pageSize(maxResults),
            "ListExecutions|" + arn + "|" + statusFilter + "|" + redriveFilter);
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("executions");
    for (Execution execution : page.items()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", execution.executionArn());
      item.put("stateMachineArn", execution.stateMachine().arn());
      item.put("name", execution.name());
      item.put("status", execution.status().name());
      item.put("startDate", epochSeconds(execution.startDate()));
      execution.stopDate().ifPresent(stop -> item.put("stopDate", epochSeconds(stop)));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  private ServiceReply getExecutionHistory(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", ARN_MAX);
    int maxResults = input.integer("maxResults", 0, PAGE_MAX, 0);
    boolean reverseOrder = input.bool("reverseOrder", false);
    boolean includeExecutionData = input.bool("includeExecutionData", true);
    String nextToken = input.string("nextToken", TOKEN_MAX);
    input.check();
    Execution execution = execution(arn);
    List<HistoryEvent> events = new ArrayList<>(execution.history());
    if (reverseOrder) {
      Collections.reverse(events);
    }
    PageTokens.Page<HistoryEvent> page =
        PageTokens.page(
            events,
            nextToken,
            pageSize(maxResults),
            "GetExecutionHistory|" + arn + "|" + reverseOrder);
    ObjectNode out = HistoryJson.toResponse(page.items());
    if (!includeExecutionData) {
      for (JsonNode event : out.get("events")) {
        withoutExecutionData((ObjectNode) event);
      }
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  /** includeExecutionData=false: every input, output and task parameters leave the events. */
  private static void withoutExecutionData(ObjectNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().endsWith("EventDetails") && field.getValue().isObject()) {
        ((ObjectNode) field.getValue())
            .remove(List.of("input", "inputDetails", "output", "outputDetails", "parameters"));
      }
    }
  }

  private ServiceReply stopExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", ARN_MAX);
    String error = input.string("error", ERROR_MAX);
    String cause = input.string("cause", CAUSE_MAX);
    input.check();
    Execution execution = execution(arn);
    // Stopping an execution that has already ended changes nothing; the answer is its end.
    if (!execution.isDone()) {
      engine.stop(execution, error, cause);
    }
    ObjectNode out = JSON.objectNode();
    out.put("stopDate", epochSeconds(execution.stopDate().orElseGet(engine.clock()::instant)));
    return ServiceReply.json(out);
  }

  // ---------------------------------------------------------------- helpers

  private Deployed deployed(String arn) {
    StatesArns.StateMachineRef ref = StatesArns.stateMachine(arn);
    Deployed deployed = null;
    if (ref.local() && ref.qualifier() == null) {
      synchronized (this) {
        deployed = stateMachines.get(arn);
      }
    }
    if (deployed == null) {
      throw StepFunctionsErrors.stateMachineDoesNotExist(arn);
    }
    return deployed;
  }

  private Execution execution(String arn) {
    StatesArns.ExecutionRef ref = StatesArns.execution(arn);
    Optional<Execution> execution = ref.local() ? engine.execution(arn) : Optional.empty();
    return execution.orElseThrow(() -> StepFunctionsErrors.executionDoesNotExist(arn));
  }

  private List<Execution> executionsOf(String stateMachineArn) {
    return engine.executions().stream()
        .filter(execution -> execution.stateMachine().arn().equals(stateMachineArn))
        .toList();
  }

  /** The input as given to StartExecution, or (started by the engine directly) as JSON. */
  private String inputOf(Execution execution) {
    String given = inputs.get(execution.executionArn());
    return given != null ? given : json(execution.input());
  }

  private static void checkName(String name) {
    try {
      StatesNames.checkName("name", name);
    } catch (IllegalArgumentException e) {
      throw StepFunctionsErrors.invalidName(name);
    }
  }

  private static int pageSize(int maxResults) {
    return maxResults == 0 ? PAGE_DEFAULT : maxResults;
  }

  /** Timestamps in awsJson: epoch seconds with millisecond fractions. */
  private static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  private static String json(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
