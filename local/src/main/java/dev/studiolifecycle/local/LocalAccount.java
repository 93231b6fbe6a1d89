package dev.studiolifecycle.local;

/**
 * The one AWS account, region and partition that everything local plays (the emulator, the
 * interpreter, the template reader), and the ARNs in it.
 */
public final class LocalAccount {

  public static final String ACCOUNT_ID = "123456789012";
  public static final String REGION = "us-east-1";
  public static final String PARTITION = "aws";

  private LocalAccount() {}

  /** {@code arn:aws:<service>:<REGION>:<ACCOUNT_ID>:<resource>}. */
  public static String arn(String service, String resource) {
    return arnIn(REGION, service, resource);
  }

  /**
   * {@code arn:aws:<service>:<region>:<ACCOUNT_ID>:<resource>}, for a resource of another Region.
   */
  public static String arnIn(String region, String service, String resource) {
    return "arn:" + PARTITION + ":" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
  }

  /** {@code arn:aws:<service>::<ACCOUNT_ID>:<resource>}, for a global service such as IAM. */
  public static String globalArn(String service, String resource) {
    return "arn:" + PARTITION + ":" + service + "::" + ACCOUNT_ID + ":" + resource;
  }

  /** {@code arn:aws:s3:::<bucket>[/<key>]}: S3's ARNs name neither region nor account. */
  public static String s3Arn(String bucket, String key) {
    return "arn:" + PARTITION + ":s3:::" + bucket + (key == null ? "" : "/" + key);
  }

  public static String stateMachineArn(String name) {
    return arn("states", "stateMachine:" + name);
  }

  public static String executionArn(String stateMachineName, String executionName) {
    return arn("states", "execution:" + stateMachineName + ":" + executionName);
  }
}
