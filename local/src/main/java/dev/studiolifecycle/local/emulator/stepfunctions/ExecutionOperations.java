package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryJson;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step Functions' execution calls: StartExecution (idempotent for the same name and input),
 * DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution and RedriveExecution.
 */
record ExecutionOperations(StatesResources resources, MapRunOperations mapRuns) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply startExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("stateMachineArn", StatesResources.ARN_MAX);
    String name = input.string("name", StatesResources.NAME_MAX);
    String inputText = input.string("input", Integer.MAX_VALUE);
    input.string("traceHeader", 256);
    if (inputText != null
        && inputText.getBytes(StandardCharsets.UTF_8).length > StatesResources.INPUT_MAX_BYTES) {
      input.violation(
          "Value at 'input' failed to satisfy constraint: Member must have length "
              + "less than or equal to "
              + StatesResources.INPUT_MAX_BYTES);
    }
    if (name != null && name.isEmpty()) {
      input.violation(
          "Value '' at 'name' failed to satisfy constraint: Member must have length "
              + "greater than or equal to 1");
    }
    input.check();
    StatesResources.Deployed deployed = resources.deployed(arn);
    String executionName = name != null ? name : resources.ids.uuid();
    StatesResources.checkName(executionName);
    String text = inputText != null ? inputText : "{}";
    JsonNode parsedInput;
    try {
      parsedInput = LocalJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.INVALID_EXECUTION_INPUT.about(e.getOriginalMessage());
    }
    if (parsedInput == null || parsedInput.isMissingNode()) {
      // StartExecution's input is any JSON text (an object, array, string, number, boolean or
      // null: Step Functions accepts them all); blank text is none of those.
      throw StepFunctionsErrors.INVALID_EXECUTION_INPUT.about("the input is not JSON text");
    }
    String executionArn = LocalAccount.executionArn(deployed.machine().name(), executionName);
    Execution execution;
    synchronized (resources) {
      Optional<Execution> existing = resources.engine.execution(executionArn);
      if (existing.isPresent()) {
        // AWS: the same name and input as an open execution is the same call again; a closed
        // execution or another input is ExecutionAlreadyExists.
        if (!existing.get().isDone() && text.equals(resources.inputOf(existing.get()))) {
          return ServiceReply.json(started(existing.get()));
        }
        throw StepFunctionsErrors.EXECUTION_ALREADY_EXISTS.about(executionArn);
      }
      resources.inputs.put(executionArn, text);
      try {
        execution = resources.engine.start(deployed.machine(), executionName, parsedInput);
      } catch (IllegalArgumentException | DefinitionException e) {
        resources.inputs.remove(executionArn);
        throw new IllegalStateException(
            "the interpreter refused an execution the service " + "accepted: " + e.getMessage(), e);
      }
    }
    return ServiceReply.json(started(execution));
  }

  private static ObjectNode started(Execution execution) {
    ObjectNode out = JSON.objectNode();
    out.put("executionArn", execution.executionArn());
    out.put("startDate", StatesResources.epochSeconds(execution.startDate()));
    return out;
  }

  ServiceReply describeExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", StatesResources.ARN_MAX);
    input.string("includedData", 64);
    input.check();
    Execution execution = resources.execution(arn);
    ObjectNode out = JSON.objectNode();
    out.put("executionArn", execution.executionArn());
    out.put("stateMachineArn", execution.stateMachine().arn());
    out.put("name", execution.name());
    ExecutionStatus status = execution.status();
    out.put("status", status.name());
    out.put("startDate", StatesResources.epochSeconds(execution.startDate()));
    execution.stopDate().ifPresent(stop -> out.put("stopDate", StatesResources.epochSeconds(stop)));
    out.put("input", resources.inputOf(execution));
    out.putObject("inputDetails").put("included", true);
    if (status == ExecutionStatus.SUCCEEDED) {
      out.put("output", StatesResources.json(execution.output().orElseThrow()));
      out.putObject("outputDetails").put("included", true);
    }
    out.put("redriveCount", execution.redriveCount());
    execution
        .redriveDate()
        .ifPresent(date -> out.put("redriveDate", StatesResources.epochSeconds(date)));
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      out.put("redriveStatus", "NOT_REDRIVABLE");
      out.put("redriveStatusReason", "Execution is " + status.name() + " and cannot be redriven");
    } else {
      out.put("redriveStatus", "REDRIVABLE");
    }
    // A timed-out execution's States.Timeout shows only in its history, as on AWS.
    if (status == ExecutionStatus.FAILED || status == ExecutionStatus.ABORTED) {
      execution.error().ifPresent(error -> out.put("error", error));
      execution.cause().ifPresent(cause -> out.put("cause", cause));
    }
    return ServiceReply.json(out);
  }

  ServiceReply listExecutions(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.string("stateMachineArn", StatesResources.ARN_MAX);
    String mapRunArn = input.string("mapRunArn", StatesResources.ARN_MAX);
    String statusFilter = input.enumeration("statusFilter", StatesResources.STATUSES);
    String redriveFilter = input.enumeration("redriveFilter", StatesResources.REDRIVE_FILTERS);
    int maxResults = input.integer("maxResults", 0, StatesResources.PAGE_MAX, 0);
    String nextToken = input.string("nextToken", StatesResources.TOKEN_MAX);
    input.check();
    if ((arn == null) == (mapRunArn == null)) {
      throw StepFunctionsErrors.validation("Must provide a StateMachine ARN or MapRun ARN");
    }
    List<Execution> candidates;
    if (mapRunArn != null) {
      candidates = mapRuns.mapRun(mapRunArn).children();
    } else {
      resources.deployed(arn);
      candidates = resources.executionsOf(arn);
    }
    List<Execution> matching = new ArrayList<>();
    for (Execution execution : candidates) {
      if (statusFilter != null && !execution.status().name().equals(statusFilter)) {
        continue;
      }
      if ("REDRIVEN".equals(redriveFilter) && execution.redriveCount() == 0) {
        continue;
      }
      if ("NOT_REDRIVEN".equals(redriveFilter) && execution.redriveCount() > 0) {
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
            StatesResources.pageSize(maxResults),
            "ListExecutions|" + arn + "|" + mapRunArn + "|" + statusFilter + "|" + redriveFilter);
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("executions");
    for (Execution execution : page.items()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", execution.executionArn());
      item.put("stateMachineArn", execution.stateMachine().arn());
      item.put("name", execution.name());
      item.put("status", execution.status().name());
      item.put("startDate", StatesResources.epochSeconds(execution.startDate()));
      execution
          .stopDate()
          .ifPresent(stop -> item.put("stopDate", StatesResources.epochSeconds(stop)));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  ServiceReply getExecutionHistory(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", StatesResources.ARN_MAX);
    int maxResults = input.integer("maxResults", 0, StatesResources.PAGE_MAX, 0);
    boolean reverseOrder = input.bool("reverseOrder", false);
    boolean includeExecutionData = input.bool("includeExecutionData", true);
    String nextToken = input.string("nextToken", StatesResources.TOKEN_MAX);
    input.check();
    Execution execution = resources.execution(arn);
    List<HistoryEvent> events = new ArrayList<>(execution.history());
    if (reverseOrder) {
      Collections.reverse(events);
    }
    PageTokens.Page<HistoryEvent> page =
        PageTokens.page(
            events,
            nextToken,
            StatesResources.pageSize(maxResults),
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

  /**
   * includeExecutionData=false: every input, output, task parameters and assigned variables leave
   * the events.
   */
  private static void withoutExecutionData(ObjectNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().endsWith("EventDetails") && field.getValue().isObject()) {
        ((ObjectNode) field.getValue())
            .remove(
                List.of(
                    "input",
                    "inputDetails",
                    "output",
                    "outputDetails",
                    "parameters",
                    "assignedVariables",
                    "assignedVariablesDetails"));
      }
    }
  }

  ServiceReply stopExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", StatesResources.ARN_MAX);
    String error = input.string("error", StatesResources.ERROR_MAX);
    String cause = input.string("cause", StatesResources.CAUSE_MAX);
    input.check();
    Execution execution = resources.execution(arn);
    // Stopping an execution that has already ended changes nothing; the answer is its end.
    if (!execution.isDone()) {
      resources.engine.stop(execution, error, cause);
    }
    ObjectNode out = JSON.objectNode();
    out.put(
        "stopDate",
        StatesResources.epochSeconds(
            execution.stopDate().orElseGet(resources.engine.clock()::instant)));
    return ServiceReply.json(out);
  }

  /**
   * RedriveExecution (API reference): a FAILED, TIMED_OUT or ABORTED execution of the last 14 days
   * runs again from its unsuccessful state; anything else is ExecutionNotRedrivable, with the
   * reason.
   */
  ServiceReply redriveExecution(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("executionArn", StatesResources.ARN_MAX);
    input.string("clientToken", 64);
    input.check();
    Execution execution = resources.execution(arn);
    try {
      resources.engine.redrive(execution);
    } catch (IllegalStateException e) {
      throw StepFunctionsErrors.NOT_REDRIVABLE.about(e.getMessage());
    }
    ObjectNode out = JSON.objectNode();
    out.put(
        "redriveDate",
        StatesResources.epochSeconds(
            execution.redriveDate().orElseGet(resources.engine.clock()::instant)));
    return ServiceReply.json(out);
  }
}
