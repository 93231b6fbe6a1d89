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
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Step Functions' state machine calls: Create, Describe, List and DeleteStateMachine,
 * ValidateStateMachineDefinition, DescribeStateMachineForExecution and ListTagsForResource.
 */
record StateMachineOperations(StatesResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply createStateMachine(ServiceRequest request) {
    return ServiceReply.json(create(request.input()));
  }

  ObjectNode create(JsonNode body) {
    StatesInput input = new StatesInput(body);
    String name = input.requiredString("name", StatesResources.NAME_MAX);
    String definition = input.requiredString("definition", StatesResources.DEFINITION_MAX);
    String roleArn = input.requiredString("roleArn", 256);
    String type = input.enumeration("type", StatesResources.TYPES);
    JsonNode logging = input.object("loggingConfiguration");
    JsonNode tracing = input.object("tracingConfiguration");
    JsonNode encryption = input.object("encryptionConfiguration");
    JsonNode tags = input.array("tags");
    boolean publish = input.bool("publish", false);
    input.string("versionDescription", 256);
    input.check();
    checkCreate(name, roleArn, type, publish, encryption);
    ObjectNode loggingConfiguration = loggingConfiguration(logging);
    ObjectNode tracingConfiguration = JSON.objectNode();
    tracingConfiguration.put("enabled", tracing != null && tracing.path("enabled").asBoolean());
    StateMachineDefinition parsed = parseDefinition(definition);
    String arn = LocalAccount.stateMachineArn(name);
    synchronized (resources) {
      StatesResources.Deployed existing = resources.stateMachines.get(arn);
      if (existing != null) {
        // AWS: idempotent on name, definition, type, logging and tracing configuration; a
        // different roleArn or different tags are ignored, anything else is a conflict.
        if (existing.definitionTree().equals(parsed.json())
            && existing.loggingConfiguration().equals(loggingConfiguration)
            && existing.tracingConfiguration().equals(tracingConfiguration)) {
          return created(existing);
        }
        throw StepFunctionsErrors.STATE_MACHINE_ALREADY_EXISTS.about(arn);
      }
      StateMachine machine = new StateMachine(name, arn, roleArn, parsed);
      StatesResources.Deployed deployed =
          new StatesResources.Deployed(
              machine,
              definition,
              parsed.json(),
              resources.engine.clock().instant(),
              loggingConfiguration,
              tracingConfiguration);
      resources.stateMachines.put(arn, deployed);
      resources.tagsByArn.put(arn, tags == null ? JSON.arrayNode() : tags.deepCopy());
      return created(deployed);
    }
  }

  /** What CreateStateMachine refuses before it looks at the definition. */
  private static void checkCreate(
      String name, String roleArn, String type, boolean publish, JsonNode encryption) {
    StatesResources.checkName(name);
    if (!StatesResources.ROLE_ARN.matcher(roleArn).matches()) {
      throw StepFunctionsErrors.INVALID_ARN.about(roleArn);
    }
    if ("EXPRESS".equals(type)) {
      throw StepFunctionsErrors.TYPE_NOT_SUPPORTED.about(
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
  }

  private static ObjectNode created(StatesResources.Deployed deployed) {
    ObjectNode out = JSON.objectNode();
    out.put("stateMachineArn", deployed.machine().arn());
    out.put("creationDate", StatesResources.epochSeconds(deployed.creationDate()));
    return out;
  }

  private StateMachineDefinition parseDefinition(String definition) {
    StateMachineDefinition parsed;
    try {
      parsed = StateMachineDefinition.parse(definition);
      resources.engine.checkRunnable(parsed);
    } catch (DefinitionException e) {
      throw StepFunctionsErrors.INVALID_DEFINITION.about(String.join("; ", e.problems()));
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
    String level = input.enumeration("level", StatesResources.LOG_LEVELS);
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

  ServiceReply describeStateMachine(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("stateMachineArn", StatesResources.ARN_MAX);
    input.check();
    StatesResources.Deployed deployed = resources.deployed(arn);
    ObjectNode out = described(deployed.machine(), deployed);
    out.put("status", "ACTIVE");
    out.put("type", "STANDARD");
    out.put("creationDate", StatesResources.epochSeconds(deployed.creationDate()));
    return ServiceReply.json(out);
  }

  /**
   * What DescribeStateMachine and DescribeStateMachineForExecution both tell of a state machine;
   * {@code deployed} is null for one the resources.engine runs without the API having created it.
   */
  private static ObjectNode described(StateMachine machine, StatesResources.Deployed deployed) {
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
  ServiceReply validateDefinition(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String definition = input.requiredString("definition", StatesResources.DEFINITION_MAX);
    input.enumeration("type", StatesResources.TYPES);
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
        Matcher at = StatesResources.PROBLEM_LOCATION.matcher(problem);
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

  ServiceReply describeForExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", StatesResources.ARN_MAX);
    input.enumeration("includedData", Set.of("ALL_DATA", "METADATA_ONLY"));
    input.check();
    Execution execution = resources.execution(arn);
    StatesResources.Deployed deployed;
    synchronized (resources) {
      deployed = resources.stateMachines.get(execution.stateMachine().arn());
    }
    ObjectNode out = described(execution.stateMachine(), deployed);
    out.put(
        "updateDate",
        StatesResources.epochSeconds(
            deployed != null ? deployed.creationDate() : execution.startDate()));
    return ServiceReply.json(out);
  }

  ServiceReply listTagsForResource(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("resourceArn", StatesResources.ARN_MAX);
    input.check();
    JsonNode tags;
    synchronized (resources) {
      tags = resources.stateMachines.containsKey(arn) ? resources.tagsByArn.get(arn) : null;
    }
    if (tags == null) {
      if (!arn.startsWith("arn:aws:states:")) {
        throw StepFunctionsErrors.INVALID_ARN.about("Invalid Arn: '" + arn + "'");
      }
      throw new AwsServiceError("ResourceNotFound", 400, "Resource not found: '" + arn + "'");
    }
    ObjectNode out = JSON.objectNode();
    out.set("tags", tags.deepCopy());
    return ServiceReply.json(out);
  }

  ServiceReply listStateMachines(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    int maxResults = input.integer("maxResults", 0, StatesResources.PAGE_MAX, 0);
    String nextToken = input.string("nextToken", StatesResources.TOKEN_MAX);
    input.check();
    List<StatesResources.Deployed> all;
    synchronized (resources) {
      all = List.copyOf(resources.stateMachines.values());
    }
    PageTokens.Page<StatesResources.Deployed> page =
        PageTokens.page(all, nextToken, StatesResources.pageSize(maxResults), "ListStateMachines");
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("stateMachines");
    for (StatesResources.Deployed deployed : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineArn", deployed.machine().arn());
      item.put("name", deployed.machine().name());
      item.put("type", "STANDARD");
      item.put("creationDate", StatesResources.epochSeconds(deployed.creationDate()));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  ServiceReply deleteStateMachine(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("stateMachineArn", StatesResources.ARN_MAX);
    input.check();
    StatesArns.StateMachineRef ref = StatesArns.stateMachine(arn);
    if (ref.qualifier() != null) {
      throw StepFunctionsErrors.validation(
          "Deleting a version or alias is not supported by the studio-lifecycle emulator: '"
              + arn
              + "'");
    }
    StatesResources.Deployed removed;
    synchronized (resources) {
      removed = resources.stateMachines.remove(arn);
    }
    if (removed != null) {
      // AWS terminates the executions of a deleted state machine at their next transition;
      // here they end at once, ABORTED, and stay describable.
      for (Execution execution : resources.executionsOf(arn)) {
        if (!execution.isDone()) {
          resources.engine.stop(execution, null, null);
        }
      }
    }
    // Deleting a state machine that does not exist succeeds, as on AWS.
    return ServiceReply.emptyJson();
  }
}
