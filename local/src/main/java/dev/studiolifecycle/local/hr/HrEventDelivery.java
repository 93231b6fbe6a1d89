package dev.studiolifecycle.local.hr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.emulator.sns.FilterPolicy;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventBus;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.permissions.PublisherCheck;
import dev.studiolifecycle.local.permissions.ServiceDeliveries;
import dev.studiolifecycle.local.runtime.FailedInvocationDestination;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SnsSubscription;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * HR events delivered to the project running locally, as AWS delivers them to the deployed stack:
 * events on a bus go through the rules of template.yaml (pattern, input transformer, target), SNS
 * messages go to the StartWorkflow function, which starts executions over the emulator's Step
 * Functions API. Every execution a delivery starts runs to its end in the runtime's simulation time
 * before {@link #deliver} returns, so a later event sees what an earlier one did.
 */
public final class HrEventDelivery {

  /** The function that the HR topic invokes. */
  public static final String START_WORKFLOW_FUNCTION = "StartWorkflowFunction";

  private final LocalWorkflowRuntime runtime;
  private final EventBus bus;
  private final LambdaRuntime lambda;
  private final FunctionDefinition startWorkflow;
  private final String startWorkflowArn;
  private final String lifecycleArn;
  private final Optional<FilterPolicy> snsFilter;
  private final Optional<String> hrTopicArn;
  private final Optional<String> publisher;

  /** How many times each event has been delivered to each rule's target. */
  private final Map<String, Integer> deliveriesByRule = new HashMap<>();

  /**
   * Delivers to {@code runtime}; the StartWorkflow handler writes its logs and metrics to {@code
   * handlerOutput}.
   *
   * @throws TemplateException when the template has no StartWorkflow function or lifecycle state
   *     machine
   */
  public HrEventDelivery(LocalWorkflowRuntime runtime, PrintStream handlerOutput) {
    this(runtime, handlerOutput, Optional.empty());
  }

  /**
   * The same, with the role of this account that publishes the SNS messages and puts the
   * EventBridge events: each is delivered only when the HR topic's or the bus's policy does not
   * deny that role the call ({@link PublisherCheck}). Without one, the events are taken as
   * published already.
   *
   * @throws IllegalArgumentException when {@code publisher} is not a role ARN of this account
   */
  public HrEventDelivery(
      LocalWorkflowRuntime runtime, PrintStream handlerOutput, Optional<String> publisher) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    publisher.ifPresent(
        arn -> {
          if (!PublisherCheck.isRoleOfThisAccount(arn)) {
            throw new IllegalArgumentException(
                "--publisher: '"
                    + arn
                    + "' is not a role ARN of account "
                    + LocalAccount.ACCOUNT_ID
                    + " (arn:aws:iam::"
                    + LocalAccount.ACCOUNT_ID
                    + ":role/[path/]name): only this account's principals are modelled");
          }
        });
    this.bus = new EventBus(runtime.template().eventRules(), runtime.clock());
    FunctionDefinition function =
        runtime
            .template()
            .function(START_WORKFLOW_FUNCTION)
            .orElseThrow(
                () -> new TemplateException("template.yaml has no " + START_WORKFLOW_FUNCTION));
    // Lambda invokes the alias the SNS subscription names (AutoPublishAlias), else the function.
    this.startWorkflow = function;
    this.startWorkflowArn = function.aliasArn().orElse(function.arn());
    this.lambda =
        LambdaRuntime.builder(List.of(function))
            .handlerOutput(Objects.requireNonNull(handlerOutput, "handlerOutput"))
            .clock(runtime.clock())
            .build();
    this.lifecycleArn = runtime.lifecycleStateMachine().arn();
    this.snsFilter = snsFilter(runtime);
    this.hrTopicArn =
        runtime.template().snsSubscriptions().stream()
            .filter(s -> s.functionLogicalId().equals(START_WORKFLOW_FUNCTION))
            .map(SnsSubscription::topicArn)
            .findFirst();
  }

  /**
   * The filter policy of StartWorkflow's subscription to the HR topic, if it has one; only the
   * {@code MessageBody} scope is modelled.
   */
  private static Optional<FilterPolicy> snsFilter(LocalWorkflowRuntime runtime) {
    Optional<SnsSubscription> subscription =
        runtime.template().snsSubscriptions().stream()
            .filter(s -> s.functionLogicalId().equals(START_WORKFLOW_FUNCTION))
            .findFirst();
    if (subscription.isEmpty() || subscription.get().filter().isEmpty()) {
      return Optional.empty();
    }
    if (!"MessageBody".equals(subscription.get().filterPolicyScope())) {
      throw new TemplateException(
          START_WORKFLOW_FUNCTION
              + "'s SNS FilterPolicyScope "
              + subscription.get().filterPolicyScope()
              + ": only MessageBody is modelled locally");
    }
    try {
      return Optional.of(FilterPolicy.of(subscription.get().filter().get()));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(START_WORKFLOW_FUNCTION + "'s SNS event: " + e.getMessage());
    }
  }

  /** What came of one HR event (an EventBridge event may match several rules). */
  public sealed interface Outcome {

    /** What came of the event, in a line, as {@code hr-event} prints it. */
    String said();

    /** The execution it started, or null when it started none. */
    default Execution started() {
      return null;
    }

    /**
     * The publisher may not publish to the HR topic or put events on the bus: SNS answers
     * AuthorizationError, EventBridge AccessDeniedException, and nothing is delivered.
     */
    record RefusedToPublisher(String publisher, String action, String resource, String why)
        implements Outcome {
      @Override
      public String said() {
        boolean sns = action.startsWith("sns:");
        return (sns
                ? "SNS refuses the publish: AuthorizationError: "
                : "EventBridge refuses the" + " PutEvents: AccessDeniedException: ")
            + publisher
            + " is not authorized to perform: "
            + action
            + " on resource: "
            + resource
            + " "
            + why
            + "; nothing is delivered";
      }
    }

    /** An EventBridge rule started an execution, which ran to its end. */
    record StartedByRule(String rule, JsonNode input, Execution execution) implements Outcome {
      @Override
      public String said() {
        return "EventBridge: rule "
            + rule
            + " starts execution "
            + execution.name()
            + " with "
            + input;
      }

      @Override
      public Execution started() {
        return execution;
      }
    }

    /**
     * StartWorkflow started an execution for an SNS message (named after the HR event id), which
     * ran to its end.
     */
    record StartedByStartWorkflow(String eventId, String action, Execution execution)
        implements Outcome {
      @Override
      public String said() {
        return "SNS: StartWorkflow started execution "
            + execution.executionArn()
            + " ("
            + action
            + ") for HR event "
            + eventId;
      }

      @Override
      public Execution started() {
        return execution;
      }
    }

    /**
     * StartWorkflow found the execution of this HR event already started (a redelivered message):
     * nothing new started.
     */
    record AlreadyStarted(String eventId, String executionArn) implements Outcome {
      @Override
      public String said() {
        return "SNS: StartWorkflow found execution "
            + executionArn
            + " for HR event "
            + eventId
            + " already started: a redelivery, nothing new started";
      }
    }

    /** No rule of the template matched the event: nothing started. */
    record NoRuleMatched(String detailType, String source, String eventBusName) implements Outcome {
      @Override
      public String said() {
        return "EventBridge: no rule matched \""
            + detailType
            + "\" from "
            + source
            + " on bus "
            + eventBusName
            + ", nothing started";
      }
    }

    /** A rule sent the event somewhere else than the state machine, e.g. the unusable queue. */
    record SentElsewhere(String rule, String targetArn) implements Outcome {
      @Override
      public String said() {
        return "EventBridge: rule "
            + rule
            + " sent the event to "
            + targetArn
            + ", nothing started";
      }
    }

    /**
     * EventBridge may not deliver to a rule's target (a queue whose policy does not let it send for
     * the rule, a state machine the target's role may not start, a function whose resource policy
     * does not let it invoke): after its retries EventBridge puts the event in the rule's
     * dead-letter queue when that one takes it, and otherwise drops it without a word.
     *
     * @param keptIn the dead-letter queue that took the event, or null when it is lost
     */
    record NotDelivered(String rule, String targetArn, String why, String keptIn)
        implements Outcome {
      @Override
      public String said() {
        return "EventBridge: rule "
            + rule
            + " could not send the event to "
            + targetArn
            + " ("
            + why
            + "): "
            + (keptIn == null
                ? "the event is lost"
                : "after its retries EventBridge puts it in " + keptIn);
      }
    }

    /**
     * A rule's input transformer made text that is not JSON: Step Functions refuses it and
     * EventBridge ends with the event in the rule's dead-letter queue (null: none).
     */
    record InputNotJson(String rule, String problem, String deadLetterQueue) implements Outcome {
      @Override
      public String said() {
        return "EventBridge: rule "
            + rule
            + " made an input that is not JSON ("
            + problem
            + "): Step Functions refuses it, EventBridge retries and then puts the event in "
            + (deadLetterQueue == null ? "no dead-letter queue" : deadLetterQueue);
      }
    }

    /**
     * The subscription's filter policy kept the SNS message from StartWorkflow (an event type the
     * workflow does not act on): nothing started, nothing dead-lettered.
     */
    record FilteredOut(String eventType) implements Outcome {
      @Override
      public String said() {
        return "SNS: the subscription's filter policy kept the message (eventType \""
            + eventType
            + "\") from StartWorkflow, nothing started";
      }
    }

    /**
     * StartWorkflow failed (an invalid HR message, Step Functions refused): nothing started; what
     * Lambda does with the message after its retries ({@code retries}, of EventInvokeConfig).
     */
    record StartWorkflowFailed(
        String errorType, String errorMessage, int retries, FailedInvocationDestination then)
        implements Outcome {
      @Override
      public String said() {
        return "SNS: StartWorkflow failed with "
            + errorType
            + ": "
            + errorMessage
            + "; Lambda retries "
            + (retries == 0 ? "no more" : retries == 1 ? "once" : "twice")
            + ", "
            + then.said();
      }
    }
  }

  /** Delivers one HR event (a file's content) and runs what it starts; outcomes in order. */
  public List<Outcome> deliver(IncomingHrEvent event) {
    if (event instanceof IncomingHrEvent.EventBridge bridge) {
      List<Outcome> outcomes = new ArrayList<>();
      for (BusEvent busEvent : bridge.events()) {
        String busArn =
            LocalAccount.arn("events", "event-bus/" + onItsBus(busEvent).eventBusName());
        Optional<Outcome> refused = refusedToPublisher("events:PutEvents", busArn);
        if (refused.isPresent()) {
          outcomes.add(refused.get());
        } else {
          outcomes.addAll(putOnBus(busEvent));
        }
      }
      return outcomes;
    }
    if (hrTopicArn.isPresent()) {
      Optional<Outcome> refused = refusedToPublisher("sns:Publish", hrTopicArn.get());
      if (refused.isPresent()) {
        return List.of(refused.get());
      }
    }
    JsonNode lambdaEvent =
        ((IncomingHrEvent.Sns) Objects.requireNonNull(event, "event")).lambdaEvent();
    JsonNode body = messageBody(lambdaEvent);
    if (snsFilter.isPresent() && !snsFilter.get().matches(body)) {
      return List.of(new Outcome.FilteredOut(body == null ? "" : body.path("eventType").asText()));
    }
    return startWorkflow(lambdaEvent);
  }

  /**
   * An event whose file names no bus goes on the bus the template's rules for its source listen on
   * (the HR bus the stack creates, or HrEventBusName); with no such rule, or rules on several
   * buses, on the default bus.
   */
  private BusEvent onItsBus(BusEvent event) {
    return onItsBus(runtime.template().eventRules(), event);
  }

  /** The same, for {@code rules}. */
  public static BusEvent onItsBus(List<EventRuleResource> rules, BusEvent event) {
    if (!event.eventBusName().equals(IncomingHrEvent.EventBridge.RULES_BUS)) {
      return event;
    }
    String source = event.event().path("source").asText();
    List<String> buses =
        rules.stream()
            .filter(rule -> listensFor(rule.eventPattern().path("source"), source))
            .map(EventRuleResource::eventBusName)
            .distinct()
            .toList();
    return new BusEvent(buses.size() == 1 ? buses.get(0) : "default", event.event());
  }

  private static boolean listensFor(JsonNode sources, String source) {
    for (JsonNode value : sources) {
      if (value.isTextual() && value.asText().equals(source)) {
        return true;
      }
    }
    return false;
  }

  /** The JSON body of the SNS message (one record, as SNS hands Lambda one), or null. */
  private static JsonNode messageBody(JsonNode lambdaEvent) {
    try {
      return LocalJson.MAPPER.readTree(
          lambdaEvent.path("Records").path(0).path("Sns").path("Message").asText(""));
    } catch (IOException e) {
      // Not JSON: SNS matches no MessageBody policy against it (the developer guide assumes a
      // well-formed JSON object).
      return null;
    }
  }

  /** The publisher's call refused by the resource's policy, if there is a publisher and it is. */
  private Optional<Outcome> refusedToPublisher(String action, String resourceArn) {
    return publisher.flatMap(
        role ->
            PublisherCheck.denial(runtime.template(), role, action, resourceArn)
                .map(why -> new Outcome.RefusedToPublisher(role, action, resourceArn, why)));
  }

  private List<Outcome> putOnBus(BusEvent put) {
    BusEvent event = onItsBus(put);
    List<EventBus.Delivery> deliveries = bus.put(event);
    if (deliveries.isEmpty()) {
      return List.of(
          new Outcome.NoRuleMatched(
              event.detailType(), event.event().path("source").asText(), event.eventBusName()));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (EventBus.Delivery delivery : deliveries) {
      String rule = delivery.rule().logicalId();
      Optional<String> refused =
          ServiceDeliveries.deliveryRefusal(runtime.template(), delivery.rule(), delivery.target());
      if (refused.isPresent()) {
        outcomes.add(
            new Outcome.NotDelivered(
                rule,
                delivery.target().arn(),
                refused.get(),
                ServiceDeliveries.deadLetterQueueTaking(
                        runtime.template(), delivery.rule(), delivery.target())
                    .orElse(null)));
        continue;
      }
      if (!delivery.target().arn().equals(lifecycleArn)) {
        outcomes.add(new Outcome.SentElsewhere(rule, delivery.target().arn()));
        continue;
      }
      JsonNode input = delivery.input().json().orElse(null);
      if (input == null) {
        outcomes.add(
            new Outcome.InputNotJson(
                rule,
                delivery.input().jsonProblem().orElse("not JSON"),
                delivery.target().deadLetterQueue().orElse(null)));
        continue;
      }
      // EventBridge names the executions it starts itself, a new name for every delivery: an
      // event delivered twice starts two executions (README, HR events). The name is derived
      // from the event, the rule and the delivery's number, so that runs repeat.
      String key = event.event().path("id").asText() + "#" + rule;
      int deliveryNumber = deliveriesByRule.merge(key, 1, Integer::sum);
      String seed = deliveryNumber == 1 ? key : key + "#" + deliveryNumber;
      String name = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
      outcomes.add(new Outcome.StartedByRule(rule, input, runtime.run(name, input)));
    }
    return outcomes;
  }

  private List<Outcome> startWorkflow(JsonNode lambdaEvent) {
    byte[] payload;
    try {
      payload = LocalJson.MAPPER.writeValueAsBytes(lambdaEvent);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    LambdaResponse response = lambda.invoke(startWorkflowArn, null, payload);
    if (response instanceof LambdaResponse.FunctionError failed) {
      return List.of(startWorkflowFailed(failed.errorType(), errorMessage(failed.payload())));
    }
    if (response instanceof LambdaResponse.ServiceError refused) {
      return List.of(startWorkflowFailed("Lambda." + refused.errorCode(), refused.message()));
    }
    JsonNode result = readJson(((LambdaResponse.Returned) response).payload());
    List<Outcome> outcomes = new ArrayList<>();
    for (JsonNode started : result.path("executions")) {
      String eventId = started.path("requestId").asText();
      String arn = started.path("executionArn").asText();
      if (started.path("alreadyStarted").asBoolean()) {
        outcomes.add(new Outcome.AlreadyStarted(eventId, arn));
      } else {
        // Started over the API: it runs when the engine is driven, here to its end.
        outcomes.add(
            new Outcome.StartedByStartWorkflow(
                eventId, started.path("action").asText(), runtime.awaitExecution(arn)));
      }
    }
    return outcomes;
  }

  private Outcome startWorkflowFailed(String errorType, String errorMessage) {
    return new Outcome.StartWorkflowFailed(
        errorType,
        errorMessage,
        startWorkflow.asyncRetries(),
        runtime.failedInvocationDestination(START_WORKFLOW_FUNCTION));
  }

  private static JsonNode readJson(byte[] payload) {
    try {
      return LocalJson.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new IllegalStateException(
          "StartWorkflow answered no JSON: " + new String(payload, StandardCharsets.UTF_8), e);
    }
  }

  /** The errorMessage of the Java runtime's error document. */
  private static String errorMessage(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    try {
      JsonNode message = LocalJson.MAPPER.readTree(payload).path("errorMessage");
      return message.isTextual() ? message.asText() : text;
    } catch (IOException e) {
      // Not the runtime's JSON document: the payload says what happened as it is.
      return text;
    }
  }
}
