package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.iam.CallPermissions;
import dev.studiolifecycle.local.template.iam.IamRequest;
import dev.studiolifecycle.local.template.iam.PolicyEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, proven on the end-to-end scenarios: every AWS call each function (and the
 * state machine) makes, read from the emulator's request log, is allowed by that function's own
 * policy in template.yaml, action, resource and conditions; and every action a policy allows is
 * used by some scenario. Runs: every state machine input in events/statemachine (except
 * {@code invalid-*}) on the scenario of the same name in events/scenarios, or on
 * {@code studio-domains.json} when there is none, so new inputs are picked up as they are added.
 */
class LeastPrivilegeTest {

  /** The scenario of an input that has none of its own name: the two empty domains. */
  private static final String DEFAULT_SCENARIO = "studio-domains.json";

  /**
   * Actions that AWS services use on the state machine's behalf, never through a call the
   * emulator sees: log delivery by Step Functions, X-Ray tracing, KMS for the encrypted topic
   * (SNS calls KMS when the state machine publishes).
   */
  private static final Map<String, String> USED_BY_THE_PLATFORM = Map.ofEntries(
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
      Map.entry("kms:GenerateDataKey", "SNS encrypting a published notification"),
      Map.entry("kms:Decrypt", "SNS encrypting a published notification"));

  /**
   * Actions a function calls only on a path no local scenario can take, because the emulator
   * does not implement the operation (the test checks that it still does not, so implementing it
   * turns this into a failure that asks for a scenario). None at present: the boundary and trust
   * policy updates that converge an adopted role are emulated and run in
   * onboard-adopt-drifted-role.
   */
  private static final Map<String, String> NOT_EMULATED = Map.of();

  /**
   * Actions a function calls only to confirm a conflict SageMaker answered (ResourceInUse or
   * ValidationException on a delete), which no scenario here produces yet. Each entry is a gap
   * in the proof, listed so that it stays visible; a scenario that produces the conflict makes
   * the entry unnecessary, and the test then fails until it is removed.
   */
  private static final Map<String, String> ONLY_ON_CONFLICTS = Map.of(
      "DeleteAppFunction/sagemaker:DescribeApp", "DeleteApp refused: is the app deleting?",
      "DeleteAppFunction/sagemaker:DescribeSpace", "DeleteSpace refused: is the space deleting?",
      "DeleteUserProfileFunction/sagemaker:DescribeUserProfile",
      "DeleteUserProfile refused: is the profile deleting?");

  /**
   * StartWorkflow's only action. The runs here start the state machine directly; the SNS path
   * (StartWorkflow calling StartExecution on the emulator's Step Functions API) is not among
   * them yet, so this action is not proven by a call. Listed so that the gap stays visible.
   */
  private static final String START_EXECUTION = "StartWorkflowFunction/states:StartExecution";

  private record Run(String name, Path input, Path scenario) {}

  static List<Path> inputs() {
    return ProjectFiles.jsonFiles(ProjectFiles.events().resolve("statemachine")).stream()
        .filter(f -> !f.getFileName().toString().startsWith("invalid-")).toList();
  }

  private static List<Run> runs() {
    Path scenarios = ProjectFiles.events().resolve("scenarios");
    List<Run> runs = new ArrayList<>();
    for (Path input : inputs()) {
      Path own = scenarios.resolve(input.getFileName());
      String name = input.getFileName().toString().replace(".json", "");
      runs.add(new Run(name, input, Files.exists(own) ? own : scenarios.resolve(
          DEFAULT_SCENARIO)));
    }
    return runs;
  }

  @Test
  void everyCallIsAllowedByItsCallersPolicyAndEveryAllowedActionIsUsed() throws IOException {
    List<String> denied = new ArrayList<>();
    // caller -> action -> the runs that used it
    Map<String, Map<String, Set<String>>> used = new TreeMap<>();
    SamTemplate template = null;
    List<Run> runs = runs();
    assertThat(runs).isNotEmpty();
    for (Run run : runs) {
      Scenario scenario = ScenarioLoader.load(run.scenario());
      JsonNode input = ProjectFiles.readJson(run.input());
      LocalWorkflowRuntime.Builder builder = LocalWorkflowRuntime.builder(ProjectFiles.root())
          .scenario(scenario);
      existingRoleParameter(input).ifPresent(roles -> builder.parameter(
          "ExistingExecutionRoleArns", roles));
      try (LocalWorkflowRuntime runtime = builder.build()) {
        Execution execution = runtime.run(input);
        assertThat(execution.status().name()).as("%s: %s %s", run.name(),
            execution.error().orElse(""), execution.cause().orElse("")).isEqualTo("SUCCEEDED");
        template = runtime.template();
        List<PolicyStatement> machinePolicy =
            template.policies(ProjectFiles.STATE_MACHINE).statements();
        for (HistoryEvent event : execution.history()) {
          if (event.details() instanceof EventDetails.LambdaFunctionScheduled scheduled) {
            IamRequest invoke = new IamRequest("lambda:InvokeFunction", scheduled.resource(),
                Map.of(), "task state " + event.state().orElse("?"));
            PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(machinePolicy, invoke);
            if (decision.allowed()) {
              used.computeIfAbsent(ProjectFiles.STATE_MACHINE, c -> new TreeMap<>())
                  .computeIfAbsent(invoke.action(), a -> new TreeSet<>()).add(run.name());
            } else {
              denied.add(run.name() + ": the state machine " + invoke + ": "
                  + decision.reason());
            }
          }
        }
        CallPermissions permissions = new CallPermissions(seededRoles(scenario));
        Map<String, List<PolicyStatement>> policies = new HashMap<>();
        for (RecordedCall call : runtime.emulator().requestLog().calls()) {
          String caller = call.callerName().orElse(ProjectFiles.STATE_MACHINE);
          SamTemplate current = template;
          List<PolicyStatement> statements = policies.computeIfAbsent(caller,
              c -> current.policies(c).statements());
          for (IamRequest request : permissions.next(call)) {
            PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, request);
            if (decision.allowed()) {
              used.computeIfAbsent(caller, c -> new TreeMap<>())
                  .computeIfAbsent(request.action(), a -> new TreeSet<>()).add(run.name());
            } else {
              denied.add(run.name() + ": " + caller + " call " + call.sequence() + " "
                  + call.iamAction() + ": " + decision.reason());
            }
          }
        }
      }
    }
    assertThat(denied).as("calls the template's policies do not allow").isEmpty();

    Set<String> emulatedIam = new TreeSet<>();
    try (AwsEmulator emulator = AwsEmulator.builder().build()) {
      emulator.iam().operations().forEach(o -> emulatedIam.add("iam:" + o.name()));
    }
    assertThat(NOT_EMULATED.keySet()).as("operations the emulator now implements need a scenario")
        .noneMatch(emulatedIam::contains);
    List<String> stale = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    List<String> callers = new ArrayList<>(template.functions().keySet());
    callers.add(ProjectFiles.STATE_MACHINE);
    for (String caller : callers) {
      for (PolicyStatement statement : template.policies(caller).allows()) {
        for (String action : statement.actions()) {
          Map<String, Set<String>> byCaller = used.getOrDefault(caller, Map.of());
          boolean exercised = byCaller.keySet().stream()
              .anyMatch(a -> PolicyEvaluator.actionMatches(action, a));
          boolean platform = caller.equals(ProjectFiles.STATE_MACHINE)
              && USED_BY_THE_PLATFORM.containsKey(action);
          boolean notEmulated = caller.equals(NOT_EMULATED.get(action));
          String key = caller + "/" + action;
          boolean conflictOnly = ONLY_ON_CONFLICTS.containsKey(key);
          boolean awaitingStepFunctions = key.equals(START_EXECUTION);
          if (exercised && (conflictOnly || key.equals(START_EXECUTION))) {
            stale.add(key);
          }
          if (!exercised && !platform && !notEmulated && !conflictOnly
              && !awaitingStepFunctions) {
            unused.add(caller + ": " + action + " (" + statement.name() + ")");
          }
        }
      }
    }
    writeReport(used);
    assertThat(unused).as("allowed actions that no scenario uses").isEmpty();
    assertThat(stale).as("exercised now: drop them from the lists of exceptions").isEmpty();
  }

  /** Roles a request names as its execution role must be passable: the operator lists them. */
  private static java.util.Optional<String> existingRoleParameter(JsonNode input) {
    JsonNode arn = input.at("/executionRole/arn");
    return arn.isTextual() ? java.util.Optional.of(arn.asText()) : java.util.Optional.empty();
  }

  private static Map<String, CallPermissions.RoleFacts> seededRoles(Scenario scenario) {
    Map<String, CallPermissions.RoleFacts> roles = new LinkedHashMap<>();
    if (scenario.iam() != null && scenario.iam().roles() != null) {
      for (Scenario.Role role : scenario.iam().roles()) {
        roles.put(role.roleName(), new CallPermissions.RoleFacts(
            role.path() == null ? "/" : role.path(),
            role.tags() == null ? Map.of() : role.tags(), role.permissionsBoundaryArn()));
      }
    }
    return roles;
  }

  /** The action table (caller, action, runs that use it), for people reading the build. */
  private static void writeReport(Map<String, Map<String, Set<String>>> used) throws IOException {
    StringBuilder report = new StringBuilder("| caller | action | exercised by |\n|---|---|---|\n");
    used.forEach((caller, actions) -> actions.forEach((action, runs) -> report.append("| ")
        .append(caller).append(" | ").append(action).append(" | ")
        .append(String.join(", ", runs)).append(" |\n")));
    Path target = ProjectFiles.root().resolve("local/target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("least-privilege.md"), report.toString());
  }
}
