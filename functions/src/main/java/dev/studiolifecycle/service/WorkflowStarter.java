package dev.studiolifecycle.service;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.InvalidHrMessage;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.HrEvent;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.StartWorkflowResult;
import dev.studiolifecycle.model.StartedWorkflow;
import dev.studiolifecycle.observability.LogContext;
import dev.studiolifecycle.service.config.WorkflowSettings;
import dev.studiolifecycle.validation.HrMessageParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * The StartWorkflow step: turns HR messages delivered by SNS into state machine executions, one per
 * event, named after the event id. Every message is read before anything starts, so a malformed one
 * starts nothing; a redelivered one finds its execution already there.
 */
public final class WorkflowStarter {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowStarter.class);

  private final SfnClient stepFunctions;
  private final WorkflowSettings settings;

  public WorkflowStarter(SfnClient stepFunctions, WorkflowSettings settings) {
    this.stepFunctions = stepFunctions;
    this.settings = settings;
  }

  public StartWorkflowResult start(SNSEvent event) {
    List<SNSEvent.SNSRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    if (records.isEmpty()) {
      throw new InvalidHrMessage("Records: the SNS event has no records");
    }
    List<LifecycleRequest> requests = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      SNSEvent.SNSRecord record = records.get(i);
      String where = "SNS record " + i;
      String body = record.getSNS() == null ? null : record.getSNS().getMessage();
      try {
        requests.add(toRequest(HrMessageParser.parse(body, where), where));
      } catch (InvalidHrMessage e) {
        LOG.warn(
            "rejected HR message (SNS message id {}): {}",
            record.getSNS() == null ? null : record.getSNS().getMessageId(),
            e.getMessage());
        throw e;
      }
    }
    List<StartedWorkflow> started = new ArrayList<>();
    for (LifecycleRequest request : requests) {
      started.add(start(request));
    }
    return new StartWorkflowResult(started);
  }

  private LifecycleRequest toRequest(HrEvent hr, String where) {
    // A termination (rehire) that names no domain concerns every domain the stack serves.
    String domainId =
        hr.domainId() != null || hr.action() == Action.OFFBOARD || hr.action() == Action.RESTORE
            ? hr.domainId()
            : settings.defaultDomainId();
    if (domainId == null && hr.action() != Action.OFFBOARD && hr.action() != Action.RESTORE) {
      throw new InvalidHrMessage(
          where + ": studio.domainId: is required (DEFAULT_DOMAIN_ID is not configured)");
    }
    boolean onboard = hr.action() == Action.ONBOARD;
    boolean carriesTeam = hr.action().carriesSettings();
    // Offboarding needs only who and where; contact data is not passed on when not needed.
    return new LifecycleRequest(
        hr.action(),
        hr.eventId(),
        domainId,
        hr.userName(),
        onboard ? hr.email() : null,
        onboard ? hr.ssoUserName() : null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        carriesTeam ? hr.team() : null,
        hr.occurredAt(),
        null);
  }

  private StartedWorkflow start(LifecycleRequest request) {
    String name = ExecutionNames.fromEventId(request.requestId());
    LogContext.bind("StartWorkflow", new Correlation(request.requestId(), null));
    LogContext.bindUser(request.userProfileName());
    try {
      StartExecutionResponse response =
          stepFunctions.startExecution(
              StartExecutionRequest.builder()
                  .stateMachineArn(settings.stateMachineArn())
                  .name(name)
                  .input(ModelJson.toJson(request))
                  .build());
      LOG.info(
          "started {} workflow for user profile {}", request.action(), request.userProfileName());
      return new StartedWorkflow(
          request.requestId(), request.action(), name, response.executionArn(), false);
    } catch (ExecutionAlreadyExistsException e) {
      String arn = executionArn(name);
      List<String> differing = differingFields(arn, request);
      if (!differing.isEmpty()) {
        // Not a redelivery: the HR system reused an event id. Dropping it could lose a
        // termination, so it is refused loudly (the function fails, Lambda retries and then
        // dead-letters the message, whose alarm fires).
        throw new InvalidHrMessage(
            "eventId: "
                + request.requestId()
                + " was already used by another message (execution "
                + arn
                + " differs in "
                + String.join(", ", differing)
                + "): refused, nothing started");
      }
      LOG.info(
          "{} workflow for event {} was already started", request.action(), request.requestId());
      return new StartedWorkflow(request.requestId(), request.action(), name, arn, true);
    }
  }

  /** The request fields whose values differ from the input of the execution already started. */
  private List<String> differingFields(String executionArn, LifecycleRequest request) {
    JsonNode started;
    JsonNode wanted;
    try {
      started =
          ModelJson.readTree(
              stepFunctions
                  .describeExecution(
                      DescribeExecutionRequest.builder().executionArn(executionArn).build())
                  .input());
      wanted = ModelJson.readTree(ModelJson.toJson(request));
    } catch (JsonProcessingException e) {
      return List.of("input (not JSON)");
    }
    Set<String> names = new TreeSet<>();
    started.fieldNames().forEachRemaining(names::add);
    wanted.fieldNames().forEachRemaining(names::add);
    List<String> differing = new ArrayList<>();
    for (String field : names) {
      if (!started.path(field).equals(wanted.path(field))) {
        differing.add(field);
      }
    }
    return differing;
  }

  /** The ARN Step Functions gives an execution of this state machine with this name. */
  String executionArn(String executionName) {
    return settings.stateMachineArn().replaceFirst(":stateMachine:", ":execution:")
        + ":"
        + executionName;
  }
}
