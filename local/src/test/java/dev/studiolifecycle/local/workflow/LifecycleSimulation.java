package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.hr.HrEventDelivery;
import dev.studiolifecycle.local.hr.HrEventReader;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The whole project on one virtual clock for an end-to-end test: template.yaml's state machine, the
 * real handlers and the emulator seeded from a scenario of events/scenarios/, run on inputs of
 * events/statemachine/ (the files `studio-lifecycle run` takes).
 */
final class LifecycleSimulation implements AutoCloseable {

  static final Path PROJECT_ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalWorkflowRuntime runtime;

  private LifecycleSimulation(LocalWorkflowRuntime runtime) {
    this.runtime = runtime;
  }

  /** The emulator seeded from {@code events/scenarios/<scenario>}. */
  static LifecycleSimulation of(String scenario) {
    return of(scenario, Map.of());
  }

  /** The same, with values for some of template.yaml's Parameters. */
  static LifecycleSimulation of(String scenario, Map<String, String> parameters) {
    return of(PROJECT_ROOT, scenario, parameters);
  }

  /**
   * Writes into {@code project} the project's template, with each key of {@code templateEdits}
   * (which must be in it) replaced by its value, and its state machines: a deployment of an edited
   * template, for {@link #of(Path, String, Map)}.
   */
  static void deployEdited(Path project, Map<String, String> templateEdits) {
    try {
      String template = Files.readString(PROJECT_ROOT.resolve("template.yaml"));
      for (Map.Entry<String, String> edit : templateEdits.entrySet()) {
        assertThat(template).contains(edit.getKey());
        template = template.replace(edit.getKey(), edit.getValue());
      }
      Files.createDirectories(project);
      Files.writeString(project.resolve("template.yaml"), template);
      Files.createDirectories(project.resolve("statemachine"));
      try (Stream<Path> files = Files.list(PROJECT_ROOT.resolve("statemachine"))) {
        for (Path file : files.toList()) {
          Files.copy(file, project.resolve("statemachine").resolve(file.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The deployment of the template with {@code from} replaced by {@code to} (in both, {@code \\n}
   * stands for a line break, as CSV test sources write it), as an assertion on the {@link
   * TemplateException} that stops it.
   */
  static AbstractThrowableAssert<?, ? extends Throwable> assertThatDeploymentRefused(
      Path project, String from, String to) {
    deployEdited(project, Map.of(from.replace("\\n", "\n"), to.replace("\\n", "\n")));
    return assertThatDeploymentRefused(project, "reconcile.json");
  }

  /**
   * The deployment in {@code project} (written already) with the scenario {@code
   * events/scenarios/<scenario>}, as an assertion on the {@link TemplateException} that stops it.
   */
  static AbstractThrowableAssert<?, ? extends Throwable> assertThatDeploymentRefused(
      Path project, String scenario) {
    return assertThatThrownBy(() -> of(project, scenario, Map.of()).close())
        .isInstanceOf(TemplateException.class);
  }

  /**
   * An AWS::IAM::Role resource, as template YAML to add under Resources: trusted by {@code service}
   * and allowed {@code actions} (a YAML scalar or flow list) on {@code resource} by one inline
   * policy.
   */
  static String templateRole(String logicalId, String service, String actions, String resource) {
    return "  "
        + logicalId
        + ":\n"
        + "    Type: AWS::IAM::Role\n"
        + "    Properties:\n"
        + "      AssumeRolePolicyDocument:\n"
        + "        Version: '2012-10-17'\n"
        + "        Statement:\n"
        + "          - Effect: Allow\n"
        + "            Principal: {Service: "
        + service
        + "}\n"
        + "            Action: sts:AssumeRole\n"
        + "      Policies:\n"
        + "        - PolicyName: Allowed\n"
        + "          PolicyDocument:\n"
        + "            Version: '2012-10-17'\n"
        + "            Statement:\n"
        + "              - Effect: Allow\n"
        + "                Action: "
        + actions
        + "\n"
        + "                Resource: "
        + resource
        + "\n\n";
  }

  /**
   * An AWS::IAM::ManagedPolicy resource, as template YAML to add under Resources: allowing {@code
   * allowed} (a YAML scalar or flow list) on everything, and denying {@code denied} when not null.
   */
  static String templateManagedPolicy(String logicalId, String allowed, String denied) {
    return "  "
        + logicalId
        + ":\n"
        + "    Type: AWS::IAM::ManagedPolicy\n"
        + "    Properties:\n"
        + "      PolicyDocument:\n"
        + "        Version: '2012-10-17'\n"
        + "        Statement:\n"
        + "          - Effect: Allow\n"
        + "            Action: "
        + allowed
        + "\n"
        + "            Resource: '*'\n"
        + (denied == null
            ? ""
            : "          - Effect: Deny\n"
                + "            Action: "
                + denied
                + "\n"
                + "            Resource: '*'\n")
        + "\n";
  }

  /**
   * Delivers the HR event file {@code event} (as {@code hr-event} does) to a deployment of {@code
   * project} on the studio-domains scenario; its outcomes, in order.
   */
  static List<HrEventDelivery.Outcome> deliverHrEvent(Path project, Path event) {
    return deliverHrEvent(project, event, null);
  }

  /**
   * The same, in an account whose IAM already holds what {@code iam} (a scenario's {@code iam}
   * section, as JSON) seeds: roles and policies made outside the stack.
   */
  static List<HrEventDelivery.Outcome> deliverHrEvent(Path project, Path event, String iam) {
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(project)
            .scenario(scenario("studio-domains.json", iam))
            .build()) {
      return new HrEventDelivery(runtime, new PrintStream(OutputStream.nullOutputStream()))
          .deliver(HrEventReader.read(event, Instant.EPOCH));
    }
  }

  /**
   * The scenario {@code events/scenarios/<name>}, with the policies and roles of {@code iam} (a
   * scenario's iam section, as JSON) added to its own, if given.
   */
  static Scenario scenario(String name, String iam) {
    Path file = PROJECT_ROOT.resolve("events/scenarios").resolve(name);
    if (iam == null) {
      return ScenarioLoader.load(file);
    }
    try {
      ObjectNode scenario = (ObjectNode) MAPPER.readTree(file.toFile());
      ObjectNode section = scenario.with("iam");
      MAPPER
          .readTree(iam)
          .fields()
          .forEachRemaining(
              field -> section.withArray(field.getKey()).addAll((ArrayNode) field.getValue()));
      return ScenarioLoader.parse(MAPPER.writeValueAsString(scenario), name + " with " + iam);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same, for a deployment of another template and state machine in {@code project}. */
  static LifecycleSimulation of(Path project, String scenario, Map<String, String> parameters) {
    return of(project, scenario(scenario, null), parameters);
  }

  /** The same, with a scenario read already. */
  static LifecycleSimulation of(Path project, Scenario scenario, Map<String, String> parameters) {
    LocalWorkflowRuntime.Builder builder = LocalWorkflowRuntime.builder(project).scenario(scenario);
    parameters.forEach(builder::parameter);
    return new LifecycleSimulation(builder.build());
  }

  /** The state machine input {@code events/statemachine/<name>}. */
  static JsonNode input(String name) {
    try {
      return MAPPER.readTree(
          Files.readString(PROJECT_ROOT.resolve("events/statemachine").resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one execution of the lifecycle state machine on {@code events/statemachine/<name>}. */
  Execution run(String input) {
    return runtime.run(input(input));
  }

  /**
   * Onboards {@code user} into {@code domainId} with a role of her own (the request's {@code
   * executionRole.create}, to which {@code role} may add) and checks that the run succeeded.
   */
  Execution onboard(String domainId, String user, String requestId, Consumer<ObjectNode> role) {
    ObjectNode request =
        MAPPER
            .createObjectNode()
            .put("action", "ONBOARD")
            .put("requestId", requestId)
            .put("domainId", domainId)
            .put("userProfileName", user)
            .put("email", user + "@example.com");
    role.accept(request.putObject("executionRole").putObject("create"));
    Execution execution = runtime.run(request);
    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    return execution;
  }

  /** Starts an execution and returns at once: it runs as virtual time passes. */
  Execution start(String executionName, JsonNode input) {
    return start(runtime.lifecycleStateMachine(), executionName, input);
  }

  /** The same, on another definition of the lifecycle state machine (see {@link #previous}). */
  Execution start(StateMachine machine, String executionName, JsonNode input) {
    return runtime.engine().start(machine, executionName, input);
  }

  /**
   * The lifecycle state machine as the previous release deployed it ({@code
   * events/upgrade/<file>}): what an execution started before a stack update runs ({@link
   * LocalWorkflowRuntime#withDefinition}).
   */
  StateMachine previous(String file) {
    return previous(LocalWorkflowRuntime.LIFECYCLE_STATE_MACHINE, file);
  }

  /** The same for the template's state machine {@code logicalId}. */
  StateMachine previous(String logicalId, String file) {
    return runtime.withDefinition(logicalId, PROJECT_ROOT.resolve("events/upgrade").resolve(file));
  }

  /** The reconcile scenario's bucket: the reconcile reads its roster and writes its plan there. */
  static final String RECONCILE_BUCKET = "studio-lifecycle-reconcilebucket";

  /** Puts {@code csv} where the reconcile reads the HR roster, as the HR export would. */
  void roster(String csv) {
    try (EmulatorClients aws = new EmulatorClients(emulator())) {
      aws.s3.putObject(
          r -> r.bucket(RECONCILE_BUCKET).key("roster/hr-export.csv"), RequestBody.fromString(csv));
    }
  }

  /** Runs the template's reconcile with {@code input} to its end. */
  Execution reconcile(String executionName, String input) {
    Execution execution =
        runtime
            .engine()
            .start(
                runtime.stepFunctions().stateMachine("ReconcileStateMachine").orElseThrow(),
                executionName,
                parse(input));
    return runtime.engine().awaitCompletion(execution);
  }

  /** How a reconcile ended, and every notification sent meanwhile (their messages). */
  record Reconciled(Execution execution, List<String> notifications) {

    /** It failed, and its ReconcilePlanFailed notification names each of {@code parts}. */
    void assertPlanFailedNaming(String... parts) {
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(notifications)
          .anySatisfy(
              message -> assertThat(message).contains("ReconcilePlanFailed").contains(parts));
    }
  }

  /**
   * Deploys {@code project} with the reconcile scenario, puts {@code roster} as the HR roster and
   * runs a reconcile in {@code mode} to its end.
   */
  static Reconciled reconcileOnce(Path project, String roster, String mode) {
    try (LifecycleSimulation simulation = of(project, "reconcile.json", Map.of())) {
      simulation.roster(roster);
      Execution execution = simulation.reconcile("reconcile", "{\"mode\": \"" + mode + "\"}");
      return new Reconciled(
          execution,
          simulation.runtime().notifications().stream().map(PublishedMessage::message).toList());
    }
  }

  /** Runs an execution with its own name, for a request that is run more than once. */
  Execution run(String executionName, String input) {
    return runtime.run(executionName, input(input));
  }

  /** The executions other than {@code parent}: those it started (an OFFBOARD in every domain). */
  List<Execution> children(Execution parent) {
    return runtime.engine().executions().stream()
        .filter(e -> !e.executionArn().equals(parent.executionArn()))
        .toList();
  }

  /** Runs each child of {@code parent} to its end and checks it offboarded its profile. */
  List<Execution> awaitOffboardingChildren(Execution parent) {
    List<Execution> children = children(parent);
    for (Execution child : children) {
      runtime.awaitExecution(child.executionArn());
      assertThat(child.status())
          .as(child.name() + ": " + child.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(child)).contains("RevokeAccess", "DeleteUserResources");
    }
    return children;
  }

  LocalWorkflowRuntime runtime() {
    return runtime;
  }

  AwsEmulator emulator() {
    return runtime.emulator();
  }

  Instant now() {
    return runtime.clock().instant();
  }

  /** The MaxAttempts of every Task's retrier for AwsServiceUnavailable in the state machine. */
  static final int UNAVAILABLE_RETRIES = 8;

  /** The next {@code times} calls of {@code service}'s {@code operation} answer {@code failure}. */
  void fail(String service, String operation, InjectedFailure failure, int times) {
    emulator().faults().failTimes(service, operation, failure, times);
  }

  /** A 503 on every call of the operation a step makes, retries included: the step fails. */
  void unavailablePastRetries(String service, String operation) {
    fail(service, operation, InjectedFailure.SERVICE_UNAVAILABLE, UNAVAILABLE_RETRIES + 1);
  }

  /** Runs {@code action} at {@code delay} from now, between two steps of whatever executes. */
  void at(Duration delay, Runnable action) {
    runtime.engine().scheduler().schedule(delay, action);
  }

  /** The states the execution entered at the top level of the state machine, in order. */
  /** Each execution SUCCEEDED; a failure names the execution and its cause. */
  static void assertAllSucceeded(List<Execution> executions) {
    assertThat(executions)
        .allSatisfy(
            execution ->
                assertThat(execution.status())
                    .as(execution.name() + ": " + execution.cause().orElse(""))
                    .isEqualTo(ExecutionStatus.SUCCEEDED));
  }

  static List<String> path(Execution execution) {
    Set<String> topLevel = execution.stateMachine().definition().block().states().keySet();
    return execution.history().stream()
        .filter(event -> event.type().name().endsWith("StateEntered"))
        .map(HistoryEvent::stateName)
        .filter(topLevel::contains)
        .toList();
  }

  /** The one notification the execution published, its message parsed. */
  Notification notification(Execution execution) {
    List<PublishedMessage> own =
        runtime.notifications().stream()
            .filter(
                message ->
                    execution
                        .executionArn()
                        .equals(parse(message.message()).path("executionArn").asText()))
            .toList();
    assertThat(own).as("notifications of " + execution.name()).hasSize(1);
    return new Notification(own.get(0), parse(own.get(0).message()));
  }

  /** Whether the profile carries the offboarding mark: its access is revoked. */
  boolean revoked(String domainId, String userProfileName) {
    try (EmulatorClients aws = new EmulatorClients(emulator())) {
      String arn =
          aws.sageMaker
              .describeUserProfile(r -> r.domainId(domainId).userProfileName(userProfileName))
              .userProfileArn();
      return aws.sageMaker.listTags(r -> r.resourceArn(arn)).tags().stream()
          .anyMatch(tag -> tag.key().equals("studio-lifecycle:offboarding"));
    }
  }

  /** How many calls the emulator has answered so far: a mark for {@link #callsAfter}. */
  int callCount() {
    return emulator().requestLog().size();
  }

  /** The calls answered after the first {@code mark} ones, e.g. those of one execution. */
  List<RecordedCall> callsAfter(int mark) {
    List<RecordedCall> calls = emulator().requestLog().calls();
    return calls.subList(mark, calls.size());
  }

  @Override
  public void close() {
    runtime.close();
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("a notification is not JSON: " + json, e);
    }
  }

  /** A published notification and its JSON message. */
  record Notification(PublishedMessage published, JsonNode message) {
    String outcome() {
      return published.attribute("outcome").orElseThrow();
    }

    String action() {
      return published.attribute("action").orElseThrow();
    }
  }
}
