package dev.studiolifecycle.local.emulator.stepfunctions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.json.ModelShapes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS Step Functions on the emulator (protocol awsJson1_0, {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}): state machines are kept here, executions are run by the embedded
 * interpreter's {@link ExecutionEngine}. StartExecution returns as soon as the execution is
 * RUNNING; whoever owns the engine drives it (a background thread, or a caller in virtual time), so
 * executions started over the API and those the engine started directly are one population.
 *
 * <p>Served: CreateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine,
 * StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution. Any other
 * operation is answered {@code UnknownOperationException}.
 */
public final class StepFunctionsService extends EmulatedService {

  /**
   * The Step Functions API model's input shapes of the operations served, held to every request.
   */
  private static final ModelShapes SHAPES =
      ModelShapes.load(
          StepFunctionsService.class, "model-shapes.json", ModelShapes.MemberRules.NONE);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final StatesResources resources;
  private final StateMachineOperations stateMachineCalls;
  private final ExecutionOperations executionCalls;
  private final MapRunOperations mapRunCalls;

  /**
   * @param engine runs the executions; its task invoker decides which Task resources a definition
   *     may use (others are refused as InvalidDefinition)
   * @param randomSeed seeds the names of executions started without one
   */
  public StepFunctionsService(ExecutionEngine engine, long randomSeed) {
    super("states", new WireProtocol.AwsJson("1.0", "AWSStepFunctions"));
    this.resources =
        new StatesResources(Objects.requireNonNull(engine, "engine"), new IdSource(randomSeed));
    this.stateMachineCalls = new StateMachineOperations(resources);
    this.mapRunCalls = new MapRunOperations(resources);
    this.executionCalls = new ExecutionOperations(resources, mapRunCalls);
  }

  @Override
  public List<Operation> operations() {
    return SHAPES.checked(
        List.of(
            Operation.mutating("CreateStateMachine", stateMachineCalls::createStateMachine),
            Operation.reading("DescribeStateMachine", stateMachineCalls::describeStateMachine),
            Operation.reading("ListStateMachines", stateMachineCalls::listStateMachines),
            Operation.mutating("DeleteStateMachine", stateMachineCalls::deleteStateMachine),
            Operation.mutating("StartExecution", executionCalls::startExecution),
            Operation.reading("DescribeExecution", executionCalls::describeExecution),
            Operation.reading("ListExecutions", executionCalls::listExecutions),
            Operation.reading("GetExecutionHistory", executionCalls::getExecutionHistory),
            Operation.mutating("StopExecution", executionCalls::stopExecution),
            Operation.mutating("RedriveExecution", executionCalls::redriveExecution),
            Operation.reading(
                "ValidateStateMachineDefinition", stateMachineCalls::validateDefinition),
            Operation.reading(
                "DescribeStateMachineForExecution", stateMachineCalls::describeForExecution),
            Operation.reading("ListTagsForResource", stateMachineCalls::listTagsForResource),
            Operation.reading("DescribeMapRun", mapRunCalls::describeMapRun),
            Operation.reading("ListMapRuns", mapRunCalls::listMapRuns)));
  }

  public ExecutionEngine engine() {
    return resources.engine;
  }

  /**
   * CreateStateMachine from Java, for what a deployment creates before anyone calls the API (the
   * state machines of template.yaml). Same rules as the API: idempotent for the same definition.
   *
   * @throws AwsServiceError with the API's error code, e.g. {@code InvalidDefinition} listing the
   *     checker's problems
   */
  public StateMachine createStateMachine(String name, String definition, String roleArn) {
    ObjectNode request = JSON.objectNode();
    request.put("name", name);
    request.put("definition", definition);
    request.put("roleArn", roleArn);
    String arn = stateMachineCalls.create(request).get("stateMachineArn").asText();
    return stateMachine(arn).orElseThrow();
  }

  /** The state machine of that (unqualified) ARN, if it exists. */
  public Optional<StateMachine> stateMachine(String arn) {
    synchronized (resources) {
      return Optional.ofNullable(resources.stateMachines.get(arn))
          .map(StatesResources.Deployed::machine);
    }
  }

  /** Every state machine, oldest first. */
  public List<StateMachine> stateMachines() {
    synchronized (resources) {
      return resources.stateMachines.values().stream()
          .map(StatesResources.Deployed::machine)
          .toList();
    }
  }
}
