package dev.studiolifecycle.local.asl.definition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task state's "Resource", parsed. Which of these a run can execute depends on the task invoker;
 * the parser only accepts what the local interpreter could ever run and rejects the integration
 * patterns and resources it never can.
 */
public sealed interface TaskResource {

  /** The ARN as written (after DefinitionSubstitutions). */
  String arn();

  /** {@code arn:aws:states:::lambda:invoke}: the optimised Lambda integration. */
  record LambdaInvoke(String arn) implements TaskResource {}

  /**
   * A Lambda function ARN used directly as the resource (the older form): the result is the
   * function's output itself, and history records LambdaFunction* events.
   */
  record LambdaFunction(String arn, String functionName) implements TaskResource {}

  /** {@code arn:aws:states:::<service>:<action>}, e.g. {@code sns:publish}. */
  record ServiceIntegration(String arn, String service, String action) implements TaskResource {}

  /**
   * {@code arn:aws:states:::states:startExecution.sync} or {@code .sync:2}: starts an execution of
   * another state machine and waits for it to end; with {@code :2} the result's Input and Output
   * are JSON values, without it JSON text.
   */
  record StartExecutionSync(String arn, boolean jsonPayloads) implements TaskResource {}

  /** {@code arn:aws:states:::aws-sdk:<service>:<action>}, e.g. {@code sagemaker:describeDomain}. */
  record AwsSdk(String arn, String service, String action) implements TaskResource {}

  /** What GetExecutionHistory reports as a task's {@code resourceType}, e.g. {@code lambda}. */
  default String resourceType() {
    if (this instanceof LambdaInvoke) {
      return "lambda";
    }
    if (this instanceof ServiceIntegration s) {
      return s.service();
    }
    if (this instanceof StartExecutionSync) {
      return "states";
    }
    if (this instanceof AwsSdk s) {
      return "aws-sdk:" + s.service();
    }
    return "lambda";
  }

  /** What GetExecutionHistory reports as a task's {@code resource}, e.g. {@code invoke}. */
  default String resourceName() {
    if (this instanceof LambdaInvoke) {
      return "invoke";
    }
    if (this instanceof ServiceIntegration s) {
      return s.action();
    }
    if (this instanceof StartExecutionSync sync) {
      return sync.jsonPayloads() ? "startExecution.sync:2" : "startExecution.sync";
    }
    if (this instanceof AwsSdk s) {
      return s.action();
    }
    return arn();
  }

  /**
   * Parses a Resource.
   *
   * @throws IllegalArgumentException with a message that says what is wrong or unsupported
   */
  static TaskResource parse(String arn) {
    return Parser.parse(arn);
  }

  /** The grammar of Resource ARNs; kept apart so the interface shows only the model. */
  final class Parser {
    private static final Pattern SERVICE =
        Pattern.compile("arn:aws[a-z-]*:states:::([a-z0-9-]+):([A-Za-z0-9-]+)(\\..+)?");
    private static final Pattern SDK =
        Pattern.compile("arn:aws[a-z-]*:states:::aws-sdk:([a-z0-9-]+):([A-Za-z0-9]+)(\\..+)?");
    private static final Pattern FUNCTION =
        Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]{1,64})"
                + "(:(\\$LATEST|[A-Za-z0-9_-]+))?");
    private static final Pattern ACTIVITY =
        Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:activity:.+");

    private Parser() {}

    static TaskResource parse(String arn) {
      if (arn.contains("${")) {
        throw new IllegalArgumentException(
            "'"
                + arn
                + "' still contains a ${...} placeholder: "
                + "give the template's DefinitionSubstitutions (--template) or substitute it");
      }
      Matcher sdk = SDK.matcher(arn);
      if (sdk.matches()) {
        rejectPattern(arn, sdk.group(3));
        return new AwsSdk(arn, sdk.group(1), sdk.group(2));
      }
      Matcher service = SERVICE.matcher(arn);
      if (service.matches()) {
        String pattern = service.group(3);
        if (service.group(1).equals("states")
            && service.group(2).equals("startExecution")
            && (".sync".equals(pattern) || ".sync:2".equals(pattern))) {
          return new StartExecutionSync(arn, pattern.equals(".sync:2"));
        }
        rejectPattern(arn, pattern);
        if (service.group(1).equals("lambda") && service.group(2).equals("invoke")) {
          return new LambdaInvoke(arn);
        }
        return new ServiceIntegration(arn, service.group(1), service.group(2));
      }
      Matcher function = FUNCTION.matcher(arn);
      if (function.matches()) {
        return new LambdaFunction(arn, function.group(1));
      }
      if (ACTIVITY.matcher(arn).matches()) {
        throw new IllegalArgumentException(
            "activities ('" + arn + "') are not supported by the local interpreter");
      }
      throw new IllegalArgumentException(
          "'"
              + arn
              + "' is not a Task resource: expected "
              + "arn:aws:states:::<service>:<action>, arn:aws:states:::aws-sdk:<service>:<action> "
              + "or a Lambda function ARN");
    }

    private static void rejectPattern(String arn, String suffix) {
      if (suffix == null) {
        return;
      }
      String pattern = suffix.substring(1);
      if (pattern.equals("sync")
          || pattern.startsWith("sync:")
          || pattern.equals("waitForTaskToken")) {
        throw new IllegalArgumentException(
            "the ."
                + pattern
                + " integration pattern ('"
                + arn
                + "') is not supported by the local interpreter: only request-response tasks and"
                + " states:startExecution.sync(:2) run");
      }
      throw new IllegalArgumentException(
          "'" + arn + "' has an unknown integration pattern '." + pattern + "'");
    }
  }
}
