package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.TimelineRenderer;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.emulator.scenario.ScenarioException;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.events.BusEvent;
import dev.studiolifecycle.local.events.EventBus;
import dev.studiolifecycle.local.events.EventPatternException;
import dev.studiolifecycle.local.events.HrEventReader;
import dev.studiolifecycle.local.events.IncomingHrEvent;
import dev.studiolifecycle.local.runtime.LambdaRuntime;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.runtime.StandardOutputRouter;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code studio-lifecycle hr-event}: delivers raw HR events to the project as AWS would, in one
 * emulator and in order: EventBridge events through the rules of template.yaml (pattern and input
 * transformer), SNS messages through the StartWorkflow function, then runs what they start.
 */
@Command(
    name = "hr-event",
    mixinStandardHelpOptions = true,
    description = "Deliver HR events (EventBridge events or PutEvents entries, SNS notifications "
        + "or Lambda SNSEvents) through template.yaml's rules or the StartWorkflow function, "
        + "and run the executions they start, in order, in one emulator.")
public final class HrEventCommand implements Callable<Integer> {

  static final int OK = 0;
  static final int EXECUTION_FAILED = 1;
  static final int BAD_INPUT = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "<file>", description = "HR event files, in order")
  List<Path> files;

  /** The two empty domains (IAM and SSO) that the samples in events/hr are for. */
  static final String DEFAULT_SCENARIO = "events/scenarios/studio-domains.json";

  @Option(names = "--scenario", paramLabel = "<file>",
      description = "What exists before the first event (default: " + DEFAULT_SCENARIO + ")")
  Path scenario;

  @Option(names = "--parameter", paramLabel = "<key=value>",
      description = "A value for one of template.yaml's Parameters (repeatable)")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--project", paramLabel = "<folder>", defaultValue = ".",
      description = "The project root, with template.yaml (default: the current folder)")
  Path project;

  @Option(names = "--handler-log", paramLabel = "<file>",
      description = "Where handler logs go (default: discarded)")
  Path handlerLog;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Before any logger captures System.out: handler logs must never reach this output.
    StandardOutputRouter.install();
    List<IncomingHrEvent> events = new ArrayList<>();
    LocalWorkflowRuntime.Builder builder = LocalWorkflowRuntime.builder(project);
    try {
      for (Path file : files) {
        // Read every file before anything starts: a bad one starts nothing.
        events.add(HrEventReader.read(file, Instant.EPOCH));
      }
      Path scenarioFile = scenario != null ? scenario : project.resolve(DEFAULT_SCENARIO);
      builder.scenario(ScenarioLoader.load(scenarioFile));
    } catch (EventPatternException | ScenarioException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    parameters.forEach(builder::parameter);
    try (PrintStream handlerOutput = handlerOutput()) {
      builder.handlerOutput(handlerOutput);
      try (LocalWorkflowRuntime runtime = builder.build()) {
        int worst = OK;
        for (int i = 0; i < files.size(); i++) {
          out.println("== " + files.get(i));
          IncomingHrEvent event = events.get(i);
          int outcome = StandardOutputRouter.divertedTo(handlerOutput,
              () -> deliver(event, runtime, handlerOutput, out));
          worst = Math.max(worst, outcome);
        }
        out.flush();
        return worst;
      }
    } catch (TemplateException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    } catch (IOException e) {
      err.println("--handler-log: cannot write " + handlerLog + ": " + e.getMessage());
      return BAD_INPUT;
    }
  }

  private PrintStream handlerOutput() throws IOException {
    return handlerLog == null ? new PrintStream(OutputStream.nullOutputStream())
        : new PrintStream(new FileOutputStream(handlerLog.toFile(), true), true,
            StandardCharsets.UTF_8);
  }

  private int deliver(IncomingHrEvent event, LocalWorkflowRuntime runtime,
      PrintStream handlerOutput, PrintWriter out) {
    if (event instanceof IncomingHrEvent.EventBridge bridge) {
      EventBus bus = new EventBus(runtime.template().eventRules(), runtime.clock());
      int worst = OK;
      for (BusEvent busEvent : bridge.events()) {
        worst = Math.max(worst, deliver(busEvent, bus, runtime, out));
      }
      return worst;
    }
    return startWorkflow(((IncomingHrEvent.Sns) event).lambdaEvent(), runtime, handlerOutput,
        out);
  }

  private int deliver(BusEvent event, EventBus bus, LocalWorkflowRuntime runtime,
      PrintWriter out) {
    List<EventBus.Delivery> deliveries = bus.put(event);
    if (deliveries.isEmpty()) {
      out.println("EventBridge: no rule matched \"" + event.detailType() + "\" from "
          + event.event().path("source").asText() + " on bus " + event.eventBusName()
          + ", nothing started");
      return OK;
    }
    String lifecycle = runtime.template().stateMachine(LocalWorkflowRuntime
        .LIFECYCLE_STATE_MACHINE).orElseThrow().arn();
    int worst = OK;
    for (EventBus.Delivery delivery : deliveries) {
      String rule = delivery.rule().logicalId();
      if (!delivery.target().arn().equals(lifecycle)) {
        out.println("EventBridge: rule " + rule + " sent the event to " + delivery.target().arn()
            + ", nothing started");
        worst = Math.max(worst, BAD_INPUT);
        continue;
      }
      JsonNode input = delivery.input().json().orElse(null);
      if (input == null) {
        out.println("EventBridge: rule " + rule + " made an input that is not JSON ("
            + delivery.input().jsonProblem().orElse("") + "): Step Functions refuses it, "
            + "EventBridge retries and then puts the event in "
            + delivery.target().deadLetterQueue().orElse("no dead-letter queue"));
        worst = Math.max(worst, EXECUTION_FAILED);
        continue;
      }
      // EventBridge names the executions it starts itself; this name repeats for the event.
      String name = UUID.nameUUIDFromBytes((event.event().path("id").asText() + "#" + rule)
          .getBytes(StandardCharsets.UTF_8)).toString();
      out.println("EventBridge: rule " + rule + " starts execution " + name + " with "
          + input);
      worst = Math.max(worst, report(runtime, runtime.run(name, input), out));
    }
    return worst;
  }

  private int startWorkflow(JsonNode lambdaEvent, LocalWorkflowRuntime runtime,
      PrintStream handlerOutput, PrintWriter out) {
    FunctionDefinition function = runtime.template().function("StartWorkflowFunction")
        .orElseThrow(() -> new TemplateException("template.yaml has no StartWorkflowFunction"));
    LambdaRuntime lambda = LambdaRuntime.builder(List.of(function))
        .handlerOutput(handlerOutput).clock(runtime.clock()).build();
    String target = function.aliasArn().orElse(function.arn());
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(lambdaEvent);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the SNS event: " + e.getMessage(), e);
    }
    LambdaResponse response = lambda.invoke(target, null, payload);
    if (response instanceof LambdaResponse.FunctionError failed) {
      String message;
      try {
        message = JSON.readTree(failed.payload()).path("errorMessage").asText();
      } catch (IOException e) {
        message = new String(failed.payload(), StandardCharsets.UTF_8);
      }
      out.println("SNS: StartWorkflow failed with " + failed.errorType() + ": " + message
          + "; Lambda retries twice, then sends the message to the dead-letter queue");
      return EXECUTION_FAILED;
    }
    if (!(response instanceof LambdaResponse.Returned returned)) {
      out.println("SNS: Lambda could not invoke StartWorkflow: " + response);
      return EXECUTION_FAILED;
    }
    JsonNode result;
    try {
      result = JSON.readTree(returned.payload());
    } catch (IOException e) {
      throw new IllegalArgumentException("StartWorkflow answered no JSON: " + e.getMessage(), e);
    }
    int worst = OK;
    for (JsonNode started : result.path("executions")) {
      String name = started.path("executionName").asText();
      if (started.path("alreadyStarted").asBoolean()) {
        out.println("SNS: execution " + name + " for event " + started.path("requestId")
            .asText() + " was already started: nothing new started (a redelivery)");
        continue;
      }
      out.println("SNS: StartWorkflow started execution " + name + " ("
          + started.path("action").asText() + ")");
      String arn = started.path("executionArn").asText();
      Execution execution = runtime.engine().execution(arn).orElse(null);
      if (execution == null) {
        out.println("SNS: Step Functions knows no execution " + arn);
        worst = Math.max(worst, EXECUTION_FAILED);
        continue;
      }
      worst = Math.max(worst, report(runtime, runtime.engine().awaitCompletion(execution), out));
    }
    return worst;
  }

  private static int report(LocalWorkflowRuntime runtime, Execution execution,
      PrintWriter out) {
    out.print(TimelineRenderer.render(execution.history()));
    out.println("execution " + execution.name() + ": " + execution.status()
        + execution.error().map(e -> " " + e).orElse("")
        + execution.cause().map(c -> ": " + c).orElse(""));
    List<PublishedMessage> notifications = runtime.notifications();
    if (!notifications.isEmpty()) {
      PublishedMessage last = notifications.get(notifications.size() - 1);
      out.println("notification: " + last.subject());
    }
    return execution.status() == ExecutionStatus.SUCCEEDED ? OK : EXECUTION_FAILED;
  }
}
