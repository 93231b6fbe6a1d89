package dev.studiolifecycle.local.asl.engine;

import java.util.regex.Pattern;

/** The account, region and partition that local ARNs use, and the names AWS allows in them. */
public final class AwsIdentity {

  public static final String ACCOUNT_ID = "123456789012";
  public static final String REGION = "us-east-1";
  public static final String PARTITION = "aws";

  // Step Functions rejects whitespace, brackets, wildcards and these punctuation marks in names.
  private static final Pattern NAME =
      Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/" + "\\p{Cntrl}]{1,80}");

  private AwsIdentity() {}

  public static String stateMachineArn(String name) {
    return "arn:" + PARTITION + ":states:" + REGION + ":" + ACCOUNT_ID + ":stateMachine:" + name;
  }

  public static String executionArn(String stateMachineName, String executionName) {
    return "arn:"
        + PARTITION
        + ":states:"
        + REGION
        + ":"
        + ACCOUNT_ID
        + ":execution:"
        + stateMachineName
        + ":"
        + executionName;
  }

  /**
   * Checks a state machine or execution name.
   *
   * @throws IllegalArgumentException naming the rule that the name breaks
   */
  public static void checkName(String kind, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid "
              + kind
              + " name '"
              + name
              + "': it must be "
              + "1 to 80 characters with no whitespace, brackets, wildcards, control characters or "
              + "any of \" # % \\ ^ | ~ ` $ & , ; : /");
    }
  }
}
