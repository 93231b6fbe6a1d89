package dev.studiolifecycle.local.emulator.sts;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.WireProtocol;
import java.util.List;

/** AWS STS, as far as callers need it: GetCallerIdentity answers the emulated account. */
public final class StsService extends EmulatedService {

  /** Whatever credentials a caller signs with, it acts as this principal of the account. */
  public static final String CALLER_ARN =
      LocalAccount.globalArn("iam", "user/studio-lifecycle-local");

  public static final String CALLER_USER_ID = "AIDASTUDIOLIFECYCLE01";

  private final List<Operation> operations =
      List.of(
          Operation.reading(
              "GetCallerIdentity",
              request ->
                  ServiceReply.xml(
                      xml ->
                          xml.element("UserId", CALLER_USER_ID)
                              .element("Account", LocalAccount.ACCOUNT_ID)
                              .element("Arn", CALLER_ARN))));

  public StsService() {
    super(
        "sts",
        new WireProtocol.AwsQuery("2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/"));
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }
}
