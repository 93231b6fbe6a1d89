package dev.studiolifecycle.local.emulator;

import java.util.List;

/**
 * A service the emulator knows by name but whose operations are not served yet: every call is
 * answered as an unknown operation, never as an empty success. Replaced by registering the real
 * implementation under the same signing name.
 */
public final class UnimplementedService extends EmulatedService {

  public UnimplementedService(String signingName, WireProtocol protocol) {
    super(signingName, protocol);
  }

  /** AWS Step Functions, until the interpreter plugs its operations in. */
  public static UnimplementedService stepFunctions() {
    return new UnimplementedService("states", new WireProtocol.AwsJson("1.0", "AWSStepFunctions"));
  }

  @Override
  public List<Operation> operations() {
    return List.of();
  }
}
