package dev.studiolifecycle.local.emulator;

/** The one account, region and partition that the emulator plays, shared by every service. */
public final class AwsIdentity {

  public static final String ACCOUNT_ID = "123456789012";
  public static final String REGION = "us-east-1";
  public static final String PARTITION = "aws";

  private AwsIdentity() {}
}
