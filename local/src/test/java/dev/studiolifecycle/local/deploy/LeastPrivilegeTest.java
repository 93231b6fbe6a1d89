package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.hr.HrEventDelivery;
import dev.studiolifecycle.local.hr.HrEventReader;
import dev.studiolifecycle.local.permissions.CallPermissions;
import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven on the end-to-end scenarios: every AWS call each function (and the state
 * machine) makes, read from the emulator's request log, is allowed by that function's own policy in
 * template.yaml, action, resource and conditions; and every action a policy allows is used by some
 * run, with no exception for any function. Runs: every state machine input in events/statemachine
 * (except {@code invalid-*}) on the scenario of the same name in events/scenarios, or on {@code
 * studio-domains.json} when there is none; and the HR events of events/hr (and IAM Identity
 * Center's, events/identity-center) delivered in one emulator as AWS would (EventBridge events
 * through the template's rules, SNS messages through StartWorkflow and the Step Functions API), so
 * new files are picked up as they are added.
 */
class LeastPrivilegeTest {

  /** The scenario of an input that has none of its own name, and of the HR events. */
  private static final String DEFAULT_SCENARIO = "studio-domains.json";

  /**
   * Actions that AWS services use on the state machine's behalf, never through a call the emulator
   * sees: log delivery by Step Functions (set up when the state machine is created: the local
   * deployment checks the grant), X-Ray tracing, the managed rule of .sync tasks (created with the
   * state machine: the local deployment checks the grant, no call carries it), KMS for the
   * encrypted topic (SNS calls KMS when the state machine publishes, and when ExecutionEndFunction
   * does: the emulator's SNS checks the grant at Publish, no call of the caller's carries it).
   */
  private static final Map<String, String> USED_BY_THE_PLATFORM =
      Map.ofEntries(
          Map.entry("logs:CreateLogDelivery", "Step Functions log delivery"),
          Map.entry("logs:GetLogDelivery", "Step Functions log delivery"),
          Map.entry("logs:UpdateLogDelivery", "Step Functions log delivery"),
          Map.entry("logs:DeleteLogDelivery", "Step Functions log delivery"),
          Map.entry("logs:ListLogDeliveries", "Step Functions log delivery"),
          Map.entry("logs:PutResourcePolicy", "Step Functions log delivery"),
          Map.entry("logs:DescribeResourcePolicies", "Step Functions log delivery"),
          Map.entry("logs:DescribeLogGroups", "Step Functions log delivery"),
          Map.entry("xray:PutTraceSegments", "X-Ray tracing"),
          Map.entry("xray:PutTelemetryRecords", "X-Ray tracing"),
          Map.entry("xray:GetSamplingRules", "X-Ray tracing"),
          Map.entry("xray:GetSamplingTargets", "X-Ray tracing"),
          Map.entry("events:PutTargets", "Step Functions' managed rule for .sync children"),
          Map.entry("events:PutRule", "Step Functions' managed rule for .sync children"),
          Map.entry("events:DescribeRule", "Step Functions' managed rule for .sync children"),
          Map.entry("kms:GenerateDataKey", "SNS encrypting a published notification"),
          Map.entry("kms:Decrypt", "SNS encrypting a published notification"));

  private record Run(String name, Path input, Path scenario, Map<String, String> parameters) {

    Run(String name, Path input, Path scenario) {
      this(name, input, scenario, Map.of());
    }
  }

  /** Runs whose failure path is what they prove: compensation deletes what they created. */
  private static final Set<String> ENDS_IN_FAILURE =
      Set.of(
          "onboard-profile-never-ready",
          "onboard-sso-profile-never-ready",
          "onboard-iam-new-role on notification-outage");

  static List<Path> inputs() {
    return ProjectFiles.jsonFiles(ProjectFiles.events().resolve("statemachine")).stream()
        .filter(f -> !f.getFileName().toString().startsWith("invalid-"))
        .toList();
  }

  /** The HR event files, a redelivered message after the others (it finds its execution). */
  static List<Path> hrEvents() {
    return Stream.concat(
            ProjectFiles.jsonFiles(ProjectFiles.events().resolve("hr")).stream(),
            ProjectFiles.jsonFiles(ProjectFiles.events().resolve("identity-center")).stream())
        .sorted(
            Comparator.comparing((Path f) -> f.getFileName().toString().contains("redelivered"))
                .thenComparing(Path::getFileName))
        .toList();
  }

  /**
   * Pairs of the README's table run besides each input's own scenario: IAM propagation makes
   * SageMaker refuse the new role, which CreateUserProfile confirms with IAM.
   */
  private static final List<Map.Entry<String, String>> MORE_PAIRS =
      List.of(
          Map.entry("onboard-iam-new-role.json", "onboarding-iam-propagation.json"),
          // SNS refuses the execution's own notification: the ExecutionEnd rule's function tells.
          Map.entry("onboard-iam-new-role.json", "notification-outage.json"));

  private static List<Run> runs() {
    Path scenarios = ProjectFiles.events().resolve("scenarios");
    List<Run> runs = new ArrayList<>();
    for (Path input : inputs()) {
      Path own = scenarios.resolve(input.getFileName());
      String name = input.getFileName().toString().replace(".json", "");
      runs.add(new Run(name, input, Files.exists(own) ? own : scenarios.resolve(DEFAULT_SCENARIO)));
    }
    MORE_PAIRS.forEach(
        pair ->
            runs.add(
                new Run(
                    pair.getKey().replace(".json", "")
                        + " on "
                        + pair.getValue().replace(".json", ""),
                    ProjectFiles.events().resolve("statemachine").resolve(pair.getKey()),
                    scenarios.resolve(pair.getValue()))));
    // An offboarding with a retention: its apps at revoke time, the kept spaces and profile after.
    runs.add(
        new Run(
            "offboard-delete-role with RetentionDays 7",
            ProjectFiles.events().resolve("statemachine").resolve("offboard-delete-role.json"),
            scenarios.resolve("offboarding-jane-doe.json"),
            Map.of("RetentionDays", "7")));
    // A stack serving two domains: an offboarding that names none starts one per domain.
    runs.add(
        new Run(
            "offboard-every-domain with AdditionalDomainIds",
            ProjectFiles.events().resolve("statemachine").resolve("offboard-every-domain.json"),
            scenarios.resolve("offboard-role-used-in-another-domain.json"),
            Map.of("AdditionalDomainIds", "d-studiolocal02")));
    return runs;
  }

  /**
   * What the runs did: actions allowed and used, calls denied; and the template as deployed for the
   * current run (DomainId is the run's domain, so policies differ between runs).
   */
  private static final class Proof {
    // caller -> action -> the runs that used it
    private final Map<String, Map<String, Set<String>>> used = new TreeMap<>();
    private final List<String> denied = new ArrayList<>();
    private SamTemplate template;

    /**
     * Checks the Lambda invocations of these executions, and the child workflows their Map Runs
     * started (states:StartExecution on the state machine itself), against the policy of the state
     * machine each belongs to.
     */
    void checkInvocations(String run, List<Execution> executions) {
      for (Execution execution : executions) {
        String machine = logicalIdOf(execution);
        List<PolicyStatement> machinePolicy = template.policies(machine).statements();
        for (HistoryEvent event : execution.history()) {
          IamRequest request = null;
          if (event.details() instanceof EventDetails.LambdaFunctionScheduled scheduled) {
            request =
                new IamRequest(
                    "lambda:InvokeFunction",
                    scheduled.resource(),
                    Map.of(),
                    "task state " + event.state().orElse("?"));
          } else if (event.details() instanceof EventDetails.MapRunStarted) {
            request =
                new IamRequest(
                    "states:StartExecution",
                    execution.stateMachine().arn(),
                    Map.of(),
                    "the Map Run of state " + event.state().orElse("?"));
          }
          List<IamRequest> requests = new ArrayList<>();
          if (request != null) {
            requests.add(request);
          }
          if (event.details() instanceof EventDetails.MapRunStarted) {
            // Developer guide, "IAM policies for using Distributed Map states".
            requests.add(
                new IamRequest(
                    "states:DescribeExecution",
                    execution.executionArn(),
                    Map.of(),
                    "the Map Run of state " + event.state().orElse("?")));
          }
          if (event.details() instanceof EventDetails.MapRunRedriven) {
            // The Map Run's children that did not succeed are redriven.
            for (Execution child : executions) {
              if (child.stateMachine().name().startsWith(execution.stateMachine().name() + "/")
                  && child.redriveCount() > 0) {
                requests.add(
                    new IamRequest(
                        "states:RedriveExecution",
                        child.executionArn(),
                        Map.of(),
                        "the redriven Map Run of state " + event.state().orElse("?")));
              }
            }
          }
          for (IamRequest each : requests) {
            PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(machinePolicy, each);
            if (decision.allowed()) {
              use(machine, each.action(), run);
            } else {
              denied.add(run + ": " + machine + " " + each + ": " + decision.reason());
            }
          }
        }
      }
    }

    /** The template state machine an execution (or a Map Run's child of it) belongs to. */
    private String logicalIdOf(Execution execution) {
      String name = execution.stateMachine().name().split("/")[0];
      return template.stateMachines().stream()
          .filter(resource -> resource.name().equals(name))
          .map(resource -> resource.logicalId())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no state machine of the template: " + name));
    }

    /** Checks every call of {@code calls} against its caller's policy. */
    void checkCalls(String run, List<RecordedCall> calls, CallPermissions permissions) {
      Map<String, List<PolicyStatement>> policies = new HashMap<>();
      for (RecordedCall call : calls) {
        String caller = call.callerName().orElse(ProjectFiles.STATE_MACHINE);
        List<PolicyStatement> statements =
            policies.computeIfAbsent(caller, c -> template.policies(c).statements());
        for (IamRequest request : withResultWriters(caller, permissions.next(call))) {
          PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, request);
          if (decision.allowed()) {
            use(caller, request.action(), run);
          } else {
            denied.add(
                run
                    + ": "
                    + caller
                    + " call "
                    + call.sequence()
                    + " "
                    + call.iamAction()
                    + ": "
                    + decision.reason());
          }
        }
      }
    }

    /**
     * A state machine's PutObject is a ResultWriter's (the template's state machines have no S3
     * task), which the emulator authorizes with the other actions the developer guide asks of it.
     */
    private List<IamRequest> withResultWriters(String caller, List<IamRequest> requests) {
      boolean stateMachine =
          template.stateMachines().stream().anyMatch(m -> m.logicalId().equals(caller));
      List<IamRequest> all = new ArrayList<>(requests);
      for (IamRequest request : requests) {
        if (stateMachine && request.action().equals("s3:PutObject")) {
          TemplatePolicyAuthorizer.RESULT_WRITER_ACTIONS.stream()
              .filter(action -> !action.equals(request.action()))
              .forEach(
                  action ->
                      all.add(
                          new IamRequest(
                              action, request.resource(), request.context(), "a ResultWriter")));
        }
      }
      return all;
    }

    private void use(String caller, String action, String run) {
      used.computeIfAbsent(caller, c -> new TreeMap<>())
          .computeIfAbsent(action, a -> new TreeSet<>())
          .add(run);
    }
  }

  @Test
  void everyCallIsAllowedByItsCallersPolicyAndEveryAllowedActionIsUsed() throws IOException {
    Proof proof = new Proof();
    List<Run> runs = runs();
    assertThat(runs).isNotEmpty();
    for (Run run : runs) {
      Scenario scenario = ScenarioLoader.load(run.scenario());
      JsonNode input = ProjectFiles.readJson(run.input());
      LocalWorkflowRuntime.Builder builder =
          LocalWorkflowRuntime.builder(ProjectFiles.root()).scenario(scenario);
      run.parameters().forEach(builder::parameter);
      existingRoleParameter(input)
          .ifPresent(roles -> builder.parameter("ExistingExecutionRoleArns", roles));
      try (LocalWorkflowRuntime runtime = builder.build()) {
        Execution execution = runtime.run(input);
        assertThat(execution.status().name())
            .as("%s: %s %s", run.name(), execution.error().orElse(""), execution.cause().orElse(""))
            .isEqualTo(ENDS_IN_FAILURE.contains(run.name()) ? "FAILED" : "SUCCEEDED");
        proof.template = runtime.template();
        proof.checkInvocations(run.name(), List.of(execution));
        proof.checkCalls(
            run.name(),
            runtime.emulator().requestLog().calls(),
            new CallPermissions(seededRoles(scenario), seededProfileTags(scenario)));
      }
    }
    deliverHrEvents(proof);
    loginUrl(proof);
    overlappingRequests(proof);
    reconcile(proof);
    assertThat(proof.denied).as("calls the template's policies do not allow").isEmpty();

    SamTemplate template = proof.template;
    List<String> unused = new ArrayList<>();
    List<String> callers = new ArrayList<>(template.functions().keySet());
    callers.add(ProjectFiles.STATE_MACHINE);
    callers.add(ProjectFiles.RECONCILE_STATE_MACHINE);
    for (String caller : callers) {
      for (PolicyStatement statement : template.policies(caller).allows()) {
        for (String action : statement.actions()) {
          Map<String, Set<String>> byCaller = proof.used.getOrDefault(caller, Map.of());
          boolean exercised =
              byCaller.keySet().stream().anyMatch(a -> PolicyEvaluator.actionMatches(action, a));
          boolean platform =
              ((caller.equals(ProjectFiles.STATE_MACHINE)
                          || caller.equals(ProjectFiles.RECONCILE_STATE_MACHINE))
                      && USED_BY_THE_PLATFORM.containsKey(action))
                  || (caller.equals("ExecutionEndFunction") && action.startsWith("kms:"))
                  || sendsFailedInvocations(template, caller, action);
          if (!exercised && !platform) {
            unused.add(caller + ": " + action + " (" + statement.name() + ")");
          }
        }
      }
    }
    writeReport(proof.used);
    assertThat(unused).as("allowed actions that no run uses").isEmpty();
  }

  /**
   * Lambda sends a function's failed asynchronous invocation to its OnFailure queue as the
   * function's role, with the statement SAM adds for it; no call of the function's carries it (the
   * delivery and its grant: FailedInvocationDestinationTest).
   */
  private static boolean sendsFailedInvocations(
      SamTemplate template, String caller, String action) {
    return action.equals("sqs:SendMessage")
        && template
            .function(caller)
            .flatMap(function -> function.onFailureDestination())
            .isPresent();
  }

  /**
   * The HR events, in one emulator as the hr-event command delivers them; each file is a run of its
   * own in the table, its calls those the emulator logged while it was delivered.
   */
  /** An operator asks CreateLoginUrlFunction for jane-doe's Studio URL (IAM domain). */
  private static void loginUrl(Proof proof) throws IOException {
    Scenario scenario =
        ScenarioLoader.load(
            ProjectFiles.events().resolve("scenarios").resolve("offboarding-jane-doe.json"));
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(ProjectFiles.root()).scenario(scenario).build()) {
      proof.template = runtime.template();
      byte[] payload =
          Files.readAllBytes(
              ProjectFiles.events().resolve("create-login-url").resolve("jane-doe.json"));
      String name =
          runtime.template().function("CreateLoginUrlFunction").orElseThrow().functionName();
      LambdaResponse response = runtime.stepFunctions().functions().invoke(name, null, payload);
      assertThat(response).as("CreateLoginUrlFunction").isInstanceOf(LambdaResponse.Returned.class);
      proof.checkCalls(
          "create-login-url/jane-doe",
          runtime.emulator().requestLog().calls(),
          new CallPermissions(seededRoles(scenario), seededProfileTags(scenario)));
    }
  }

  private static void deliverHrEvents(Proof proof) {
    Scenario scenario =
        ScenarioLoader.load(ProjectFiles.events().resolve("scenarios").resolve(DEFAULT_SCENARIO));
    List<Path> files = hrEvents();
    assertThat(files).isNotEmpty();
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(ProjectFiles.root()).scenario(scenario).build()) {
      // Policies as deployed for this run's domain.
      proof.template = runtime.template();
      HrEventDelivery delivery =
          new HrEventDelivery(runtime, new PrintStream(OutputStream.nullOutputStream()));
      CallPermissions permissions =
          new CallPermissions(seededRoles(scenario), seededProfileTags(scenario));
      for (Path file : files) {
        String run = "hr/" + file.getFileName().toString().replace(".json", "");
        int before = runtime.emulator().requestLog().size();
        List<HrEventDelivery.Outcome> outcomes =
            delivery.deliver(HrEventReader.read(file, Instant.EPOCH));
        List<Execution> executions = new ArrayList<>();
        for (HrEventDelivery.Outcome outcome : outcomes) {
          if (outcome instanceof HrEventDelivery.Outcome.StartedByRule started) {
            executions.add(started.execution());
          } else if (outcome instanceof HrEventDelivery.Outcome.StartedByStartWorkflow started) {
            executions.add(started.execution());
          } else {
            assertThat(outcome)
                .as(run)
                .isInstanceOfAny(
                    HrEventDelivery.Outcome.AlreadyStarted.class,
                    HrEventDelivery.Outcome.NoRuleMatched.class);
          }
        }
        for (Execution execution : executions) {
          assertThat(execution.status().name())
              .as("%s: %s %s", run, execution.error().orElse(""), execution.cause().orElse(""))
              .isEqualTo("SUCCEEDED");
        }
        List<RecordedCall> calls = runtime.emulator().requestLog().calls();
        proof.checkInvocations(run, executions);
        proof.checkCalls(run, calls.subList(before, calls.size()), permissions);
      }
    }
  }

  /**
   * Two requests for one person that overlap, so Validate looks at the other's execution: a
   * termination 3 s into a hire (no profile yet: it lists the running executions and reads the
   * hire's input), and a hire 5 s into a termination (the profile is revoked: it also reads where
   * the termination is).
   */
  private static void overlappingRequests(Proof proof) {
    overlap(
        proof,
        "offboard-delete-role 3 s into onboard-iam-new-role",
        "onboarding-iam-propagation.json",
        Map.of(),
        input("onboard-iam-new-role.json"),
        input("offboard-delete-role.json"),
        Duration.ofSeconds(3));
    overlap(
        proof,
        "onboard-iam-new-role 5 s into offboard-delete-role",
        "offboarding-jane-doe.json",
        Map.of(),
        input("offboard-delete-role.json"),
        input("onboard-iam-new-role.json"),
        Duration.ofSeconds(5));
    // Frank's role is the workflow's: the onboarding during the retention lifts its deny and the
    // profile's mark, after asking where the offboarding is.
    overlap(
        proof,
        "frank onboarded 1 day into his offboarding with RetentionDays 7",
        "update-team-move.json",
        Map.of("RetentionDays", "7"),
        frank("OFFBOARD", "hr-2026-000901"),
        frank("ONBOARD", "hr-2026-000902"),
        Duration.ofDays(1));
  }

  /**
   * The reconcile: three people onboarded, then a roster that moves one, offboards one and brings
   * one in, applied (plan, Map Run, lifecycle executions, report); then an apply stopped while its
   * lifecycle executions run, which stops them, and redriven, which redrives its Map Run.
   */
  private static void reconcile(Proof proof) {
    Scenario scenario =
        ScenarioLoader.load(ProjectFiles.events().resolve("scenarios").resolve("reconcile.json"));
    try (LocalWorkflowRuntime runtime =
        LocalWorkflowRuntime.builder(ProjectFiles.root())
            .scenario(scenario)
            .parameter("RetentionDays", "0")
            .parameter("ReconcileMaxOffboardPercent", "50")
            .build()) {
      proof.template = runtime.template();
      List<Execution> executions = new ArrayList<>();
      for (String[] person :
          List.of(
              new String[] {"jane-doe", "risk"},
              new String[] {"john-roe", "ml-platform"},
              new String[] {"kim-lee", "risk"})) {
        ObjectNode input =
            LocalJson.MAPPER
                .createObjectNode()
                .put("action", "ONBOARD")
                .put("requestId", "hr-" + person[0])
                .put("domainId", "d-studiolocal01")
                .put("userProfileName", person[0])
                .put("email", person[0] + "@example.com")
                .put("team", person[1]);
        executions.add(runtime.run("onboard-" + person[0], input));
      }
      String bucket = runtime.template().s3Buckets().get(0);
      putRoster(
          runtime,
          bucket,
          "userName,email,status,team\n"
              + "jane-doe,jane-doe@example.com,ACTIVE,risk\n"
              + "john-roe,john-roe@example.com,ACTIVE,risk\n"
              + "kim-lee,kim-lee@example.com,INACTIVE,risk\n"
              + "lee-park,lee-park@example.com,ACTIVE,ml-platform\n");
      var machine = runtime.stepFunctions().stateMachine("ReconcileStateMachine").orElseThrow();
      Execution applied =
          runtime
              .engine()
              .awaitCompletion(
                  runtime
                      .engine()
                      .start(
                          machine,
                          "apply",
                          LocalJson.MAPPER.createObjectNode().put("mode", "APPLY")));
      assertThat(applied.status().name())
          .as("reconcile apply: " + applied.cause().orElse(""))
          .isEqualTo("SUCCEEDED");
      putRoster(
          runtime,
          bucket,
          "userName,email,status,team\nmay-ito,may-ito@example.com,ACTIVE,risk\n"
              + "jane-doe,jane-doe@example.com,ACTIVE,risk\njohn-roe,john-roe@example.com,ACTIVE,risk\n");
      Execution stopped =
          runtime
              .engine()
              .start(machine, "stopped", LocalJson.MAPPER.createObjectNode().put("mode", "APPLY"));
      runtime
          .engine()
          .scheduler()
          .runUntil(
              () ->
                  runtime.engine().executions().stream()
                      .anyMatch(
                          e ->
                              e.stateMachine().equals(runtime.lifecycleStateMachine())
                                  && e.input().toString().contains("may-ito")));
      runtime.engine().stop(stopped, "Operator", "stopped during the Map Run");
      // Redriven at once, it redrives the Map Run's children the stop aborted.
      runtime.engine().redrive(stopped);
      runtime.engine().awaitCompletion(stopped);
      assertThat(stopped.status().name())
          .as("redriven reconcile: " + stopped.cause().orElse(""))
          .isEqualTo("SUCCEEDED");
      executions.addAll(runtime.engine().executions());
      proof.checkInvocations("reconcile", executions);
      // The HR export the operator uploads is no call of the template's.
      List<RecordedCall> calls =
          runtime.emulator().requestLog().calls().stream()
              .filter(
                  call ->
                      call.callerName().isPresent()
                          || !call.parameters().path("Key").asText().startsWith("roster/"))
              .toList();
      proof.checkCalls(
          "reconcile",
          calls,
          new CallPermissions(seededRoles(scenario), seededProfileTags(scenario)));
    }
  }

  private static void putRoster(LocalWorkflowRuntime runtime, String bucket, String csv) {
    try (var clients = new dev.studiolifecycle.local.emulator.EmulatorClients(runtime.emulator())) {
      clients.s3.putObject(
          r -> r.bucket(bucket).key("roster/hr-export.csv"),
          software.amazon.awssdk.core.sync.RequestBody.fromString(csv));
    }
  }

  private static JsonNode frank(String action, String requestId) {
    ObjectNode input = LocalJson.MAPPER.createObjectNode();
    return input
        .put("action", action)
        .put("requestId", requestId)
        .put("domainId", "d-studiolocal01")
        .put("userProfileName", "frank");
  }

  private static void overlap(
      Proof proof,
      String run,
      String scenarioFile,
      Map<String, String> parameters,
      JsonNode first,
      JsonNode second,
      Duration delay) {
    Path scenario = ProjectFiles.events().resolve("scenarios").resolve(scenarioFile);
    LocalWorkflowRuntime.Builder builder =
        LocalWorkflowRuntime.builder(ProjectFiles.root()).scenario(ScenarioLoader.load(scenario));
    parameters.forEach(builder::parameter);
    try (LocalWorkflowRuntime runtime = builder.build()) {
      proof.template = runtime.template();
      List<Execution> executions = new ArrayList<>();
      executions.add(runtime.engine().start(runtime.lifecycleStateMachine(), "first", first));
      runtime
          .engine()
          .scheduler()
          .schedule(
              delay,
              () ->
                  executions.add(
                      runtime.engine().start(runtime.lifecycleStateMachine(), "second", second)));
      runtime.awaitExecution(executions.get(0).executionArn());
      runtime.awaitExecution(executions.get(1).executionArn());
      for (Execution execution : executions) {
        assertThat(execution.status().name())
            .as("%s: %s %s", run, execution.error().orElse(""), execution.cause().orElse(""))
            .isEqualTo("SUCCEEDED");
      }
      proof.checkInvocations(run, executions);
      proof.checkCalls(
          run,
          runtime.emulator().requestLog().calls(),
          permissionsOf(ScenarioLoader.load(scenario)));
    }
  }

  /** An input of events/statemachine, for jane-doe in the scenarios' IAM domain. */
  private static JsonNode input(String file) {
    ObjectNode input =
        (ObjectNode)
            ProjectFiles.readJson(ProjectFiles.events().resolve("statemachine").resolve(file));
    return input.put("domainId", "d-studiolocal01");
  }

  /** Roles a request names as its execution role must be passable: the operator lists them. */
  private static java.util.Optional<String> existingRoleParameter(JsonNode input) {
    JsonNode arn = input.at("/executionRole/arn");
    return arn.isTextual() ? java.util.Optional.of(arn.asText()) : java.util.Optional.empty();
  }

  private static CallPermissions permissionsOf(Scenario scenario) {
    return new CallPermissions(seededRoles(scenario), seededProfileTags(scenario));
  }

  /** The tags of the scenario's seeded user profiles, by ARN. */
  private static Map<String, Map<String, String>> seededProfileTags(Scenario scenario) {
    Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    if (scenario.sagemaker() != null && scenario.sagemaker().domains() != null) {
      for (Scenario.Domain domain : scenario.sagemaker().domains()) {
        if (domain.userProfiles() == null) {
          continue;
        }
        for (Scenario.UserProfile profile : domain.userProfiles()) {
          tags.put(
              LocalAccount.arn(
                  "sagemaker",
                  "user-profile/" + domain.domainId() + "/" + profile.userProfileName()),
              profile.tags() == null ? Map.of() : profile.tags());
        }
      }
    }
    return tags;
  }

  private static Map<String, CallPermissions.RoleFacts> seededRoles(Scenario scenario) {
    Map<String, CallPermissions.RoleFacts> roles = new LinkedHashMap<>();
    if (scenario.iam() != null && scenario.iam().roles() != null) {
      for (Scenario.Role role : scenario.iam().roles()) {
        roles.put(
            role.roleName(),
            new CallPermissions.RoleFacts(
                role.path() == null ? "/" : role.path(),
                role.tags() == null ? Map.of() : role.tags(),
                role.permissionsBoundaryArn()));
      }
    }
    return roles;
  }

  /** The action table (caller, action, runs that use it), for people reading the build. */
  private static void writeReport(Map<String, Map<String, Set<String>>> used) throws IOException {
    StringBuilder report = new StringBuilder("| caller | action | exercised by |\n|---|---|---|\n");
    used.forEach(
        (caller, actions) ->
            actions.forEach(
                (action, runs) ->
                    report
                        .append("| ")
                        .append(caller)
                        .append(" | ")
                        .append(action)
                        .append(" | ")
                        .append(String.join(", ", runs))
                        .append(" |\n")));
    Path target = ProjectFiles.root().resolve("local/target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("least-privilege.md"), report.toString());
  }
}
