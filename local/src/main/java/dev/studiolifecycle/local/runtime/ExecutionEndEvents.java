package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventBus;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.permissions.ServiceDeliveries;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What Step Functions and EventBridge do when an execution ends: a "Step Functions Execution Status
 * Change" event on the default bus, delivered to the template's rules; a rule whose target is one
 * of the template's functions invokes it asynchronously. Lambda retries a failed asynchronous
 * invocation (twice, unless its {@code EventInvokeConfig} says fewer) and then sends the event,
 * with the error, to the function's OnFailure destination: a dead letter here, when the function's
 * role may send there ({@link FailedInvocationDestination}), else a lost invocation.
 *
 * <p>Modelled with less than AWS does, never more: the retries follow at once instead of after one
 * and two minutes, and the event is delivered exactly once (EventBridge delivers Step Functions'
 * events on a best-effort basis, at least once).
 */
public final class ExecutionEndEvents {

  /** The event type Step Functions sends (EventBridge reference, "AWS Step Functions events"). */
  static final String DETAIL_TYPE = "Step Functions Execution Status Change";

  private final EventBus bus;
  private final Map<String, FunctionDefinition> functionsByArn;
  private final LambdaRuntime lambda;
  private final Clock clock;
  private final TemplatePolicyAuthorizer authorizer;
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final List<LostInvocation> lost = new ArrayList<>();
  private final List<Undelivered> undelivered = new ArrayList<>();
  private final SamTemplate template;
  private final Set<String> sent = new HashSet<>();

  /** An event that ended in a function's OnFailure destination, and why. */
  public record DeadLetter(String queueArn, String functionName, JsonNode event, String error) {}

  /** An event a function failed on that Lambda could not keep anywhere: why it failed, why lost. */
  public record LostInvocation(String functionName, JsonNode event, String error, String why) {}

  /**
   * An event EventBridge could not deliver to a rule's function (its resource policy does not let
   * EventBridge invoke it), kept in the rule target's dead-letter queue, or lost when {@code
   * keptIn} is null.
   */
  public record Undelivered(String rule, String targetArn, String why, String keptIn) {}

  /**
   * @param authorizer the template's policies when IAM is enforced (a function's role must be let
   *     send to its OnFailure queue), else null
   */
  ExecutionEndEvents(
      SamTemplate template,
      Clock clock,
      PrintStream handlerOutput,
      TemplatePolicyAuthorizer authorizer) {
    this.bus = new EventBus(template.eventRules(), clock);
    this.functionsByArn = new HashMap<>();
    for (FunctionDefinition function : template.functions().values()) {
      functionsByArn.put(function.arn(), function);
      function.aliasArn().ifPresent(alias -> functionsByArn.put(alias, function));
    }
    this.lambda =
        LambdaRuntime.builder(template.functions().values())
            .handlerOutput(handlerOutput)
            .clock(clock)
            .build();
    this.clock = clock;
    this.authorizer = authorizer;
    this.template = template;
  }

  /** Sends the end of {@code execution} to the rules, and runs the functions they target. */
  synchronized void ended(Execution execution) {
    // One event per end: an execution awaited twice is not told twice.
    if (execution.status() == ExecutionStatus.RUNNING || !sent.add(execution.executionArn())) {
      return;
    }
    JsonNode event = event(execution);
    for (EventBus.Delivery delivery : bus.put(new BusEvent("default", event))) {
      FunctionDefinition function = functionsByArn.get(delivery.target().arn());
      if (function == null) {
        continue;
      }
      Optional<String> refused =
          ServiceDeliveries.deliveryRefusal(template, delivery.rule(), delivery.target());
      if (refused.isPresent()) {
        undelivered.add(
            new Undelivered(
                delivery.rule().logicalId(),
                delivery.target().arn(),
                refused.get(),
                ServiceDeliveries.deadLetterQueueTaking(
                        template, delivery.rule(), delivery.target())
                    .orElse(null)));
        continue;
      }
      Optional<JsonNode> input = delivery.input().json();
      if (input.isPresent()) {
        invokeAsync(function, delivery.target().arn(), input.get());
      }
    }
  }

  synchronized List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  synchronized List<LostInvocation> lostInvocations() {
    return List.copyOf(lost);
  }

  synchronized List<Undelivered> undelivered() {
    return List.copyOf(undelivered);
  }

  private void invokeAsync(FunctionDefinition function, String arn, JsonNode event) {
    byte[] payload = bytes(event);
    String error = null;
    for (int attempt = 0; attempt <= function.asyncRetries(); attempt++) {
      LambdaResponse response = lambda.invoke(arn, null, payload);
      if (response instanceof LambdaResponse.Returned) {
        return;
      }
      error =
          response instanceof LambdaResponse.FunctionError failed
              ? failed.errorType() + ": " + new String(failed.payload(), StandardCharsets.UTF_8)
              : ((LambdaResponse.ServiceError) response).errorCode();
    }
    FailedInvocationDestination destination =
        FailedInvocationDestination.of(function, template, authorizer);
    if (destination instanceof FailedInvocationDestination.Queue queue) {
      deadLetters.add(new DeadLetter(queue.queueArn(), function.functionName(), event, error));
    } else {
      lost.add(
          new LostInvocation(
              function.functionName(),
              event,
              error,
              ((FailedInvocationDestination.Lost) destination).why()));
    }
  }

  /** The event as Step Functions sends it for a Standard workflow's execution. */
  private JsonNode event(Execution execution) {
    ObjectNode event = LocalJson.MAPPER.createObjectNode();
    String arn = execution.executionArn();
    event.put("version", "0");
    event.put(
        "id",
        UUID.nameUUIDFromBytes((arn + "#" + execution.status()).getBytes(StandardCharsets.UTF_8))
            .toString());
    event.put("detail-type", DETAIL_TYPE);
    event.put("source", "aws.states");
    event.put("account", LocalAccount.ACCOUNT_ID);
    event.put(
        "time",
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", LocalAccount.REGION);
    event.putArray("resources").add(arn);
    ObjectNode detail = event.putObject("detail");
    detail.put("executionArn", arn);
    detail.put("stateMachineArn", execution.stateMachine().arn());
    detail.put("name", execution.name());
    detail.put("status", execution.status().name());
    detail.put("startDate", execution.startDate().toEpochMilli());
    execution.stopDate().ifPresent(stop -> detail.put("stopDate", stop.toEpochMilli()));
    detail.putNull("input");
    detail.putObject("inputDetails").put("included", false);
    detail.putNull("output");
    detail.putNull("outputDetails");
    detail.put("error", execution.error().orElse(null));
    detail.put("cause", execution.cause().orElse(null));
    return event;
  }

  private static byte[] bytes(JsonNode event) {
    try {
      return LocalJson.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
