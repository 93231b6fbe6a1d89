package dev.studiolifecycle.local.emulator.stepfunctions;

import dev.studiolifecycle.local.LocalAccount;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ARNs the Step Functions API takes, answering as AWS does: a string that is not a Step
 * Functions ARN, or names another kind of resource, is {@code InvalidArn}; a well-formed ARN of
 * something that is not here is the caller's "does not exist".
 */
final class StatesArns {

  private static final Pattern STATES_ARN =
      Pattern.compile("arn:(aws[a-z-]*):states:([a-z0-9-]+):(\\d{12}):([A-Za-z]+):(.+)");

  /** A state machine ARN; {@code qualifier} is a version or alias, or null. */
  record StateMachineRef(String arn, String name, String qualifier, boolean local) {}

  /** An execution ARN of a standard workflow. */
  record ExecutionRef(String arn, String stateMachineName, String name, boolean local) {}

  private StatesArns() {}

  static StateMachineRef stateMachine(String arn) {
    Matcher matcher = parse(arn);
    String type = matcher.group(4);
    if (!type.equals("stateMachine")) {
      throw StepFunctionsErrors.INVALID_ARN.about(
          "Resource type not valid in this context: " + type);
    }
    String[] parts = matcher.group(5).split(":", -1);
    if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
      throw StepFunctionsErrors.INVALID_ARN.about(arn);
    }
    return new StateMachineRef(
        arn, parts[0], parts.length == 2 ? parts[1] : null, isLocal(matcher));
  }

  static ExecutionRef execution(String arn) {
    Matcher matcher = parse(arn);
    String type = matcher.group(4);
    if (!type.equals("execution") && !type.equals("express")) {
      throw StepFunctionsErrors.INVALID_ARN.about(
          "Resource type not valid in this context: " + type);
    }
    String[] parts = matcher.group(5).split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      // Express execution ARNs carry a start date too; none exist here, but they are valid ARNs.
      if (type.equals("express") && parts.length >= 3) {
        return new ExecutionRef(arn, parts[0], parts[parts.length - 1], false);
      }
      throw StepFunctionsErrors.INVALID_ARN.about(arn);
    }
    return new ExecutionRef(arn, parts[0], parts[1], type.equals("execution") && isLocal(matcher));
  }

  private static Matcher parse(String arn) {
    Matcher matcher = STATES_ARN.matcher(arn);
    if (!matcher.matches()) {
      throw StepFunctionsErrors.INVALID_ARN.about(arn);
    }
    return matcher;
  }

  private static boolean isLocal(Matcher matcher) {
    return matcher.group(1).equals(LocalAccount.PARTITION)
        && matcher.group(2).equals(LocalAccount.REGION)
        && matcher.group(3).equals(LocalAccount.ACCOUNT_ID);
  }
}
