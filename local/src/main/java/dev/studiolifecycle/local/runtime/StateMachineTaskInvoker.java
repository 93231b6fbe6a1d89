package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import dev.studiolifecycle.local.lambda.CallerContext;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a template state machine's tasks as that state machine: its AWS SDK and SNS calls carry its
 * logical id as their caller (so the emulator evaluates them against its policy), and a Lambda task
 * is first checked against its {@code lambda:InvokeFunction} permission. Executions of state
 * machines that are not the template's run unchanged.
 */
final class StateMachineTaskInvoker implements TaskInvoker {

  private final TaskInvoker delegate;
  private final SamTemplate template;
  private final TemplatePolicyAuthorizer authorizer;

  /**
   * @param authorizer checks Lambda invocations; null when IAM is not enforced
   */
  StateMachineTaskInvoker(
      TaskInvoker delegate, SamTemplate template, TemplatePolicyAuthorizer authorizer) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.template = Objects.requireNonNull(template, "template");
    this.authorizer = authorizer;
  }

  @Override
  public List<String> check(TaskState state) {
    return delegate.check(state);
  }

  @Override
  public TaskOutcome invoke(TaskInvocation invocation) {
    Optional<String> machine = logicalIdOf(template, invocation.executionArn());
    if (machine.isEmpty()) {
      return delegate.invoke(invocation);
    }
    Optional<String> function = functionOf(invocation);
    if (authorizer != null && function.isPresent()) {
      Optional<String> denial = authorizer.invokeDenial(machine.get(), function.get());
      if (denial.isPresent()) {
        // What Step Functions reports when Lambda refuses the state machine's role.
        return new TaskOutcome.Failed(
            "Lambda.AWSLambdaException",
            denial.get()
                + " (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException)",
            Duration.ZERO);
      }
    }
    TaskOutcome outcome = CallerContext.callingAs(machine.get(), () -> delegate.invoke(invocation));
    if (outcome instanceof TaskOutcome.Submitted submitted) {
      // A .sync job's later calls (DescribeExecution at its end, StopExecution) are the state
      // machine's too.
      return new TaskOutcome.Submitted(
          submitted.response(),
          submitted.ended(),
          () -> CallerContext.callingAs(machine.get(), submitted.result()),
          cause ->
              CallerContext.callingAs(
                  machine.get(),
                  () -> {
                    submitted.stop().accept(cause);
                    return null;
                  }));
    }
    return outcome;
  }

  /**
   * The template state machine an execution belongs to: {@code execution:<name>:<execution>}, or
   * {@code execution:<name>/<label>:<id>} for a child workflow of its Map Run, which runs with the
   * parent's role.
   */
  static Optional<String> logicalIdOf(SamTemplate template, String executionArn) {
    String[] parts = executionArn == null ? new String[0] : executionArn.split(":");
    if (parts.length < 8 || !parts[5].equals("execution")) {
      return Optional.empty();
    }
    String name = parts[6].contains("/") ? parts[6].substring(0, parts[6].indexOf('/')) : parts[6];
    return template.stateMachines().stream()
        .filter(resource -> resource.name().equals(name))
        .map(StateMachineResource::logicalId)
        .findFirst();
  }

  private static Optional<String> functionOf(TaskInvocation invocation) {
    TaskResource resource = invocation.resource();
    if (resource instanceof TaskResource.LambdaFunction function) {
      return Optional.of(function.arn());
    }
    if (resource instanceof TaskResource.LambdaInvoke) {
      return Optional.ofNullable(invocation.parameters().path("FunctionName").asText(null));
    }
    return Optional.empty();
  }
}
