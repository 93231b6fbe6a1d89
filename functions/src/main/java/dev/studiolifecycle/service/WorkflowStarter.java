package dev.studiolifecycle.service;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
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
    String domainId = hr.domainId() != null ? hr.domainId() : settings.defaultDomainId();
    if (domainId == null) {
      throw new InvalidHrMessage(
          where + ": studio.domainId: is required (DEFAULT_DOMAIN_ID is not configured)");
    }
    boolean onboard = hr.action() == Action.ONBOARD;
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
      LOG.info(
          "{} workflow for event {} was already started", request.action(), request.requestId());
      return new StartedWorkflow(
          request.requestId(), request.action(), name, executionArn(name), true);
    }
  }

  /** The ARN Step Functions gives an execution of this state machine with this name. */
  String executionArn(String executionName) {
    return settings.stateMachineArn().replaceFirst(":stateMachine:", ":execution:")
        + ":"
        + executionName;
  }
}
