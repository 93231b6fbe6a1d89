package dev.studiolifecycle.local.emulator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator with its defaults, started when the test instance is made, and SDK clients pointed at
 * it; both closed after the test. Register it as an instance field with {@code @RegisterExtension},
 * so that other fields can take its clients.
 */
public final class StartedEmulator implements AfterEachCallback {

  private final AwsEmulator emulator = AwsEmulator.builder().build().start();
  private final EmulatorClients clients = new EmulatorClients(emulator);

  public AwsEmulator emulator() {
    return emulator;
  }

  public EmulatorClients clients() {
    return clients;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.close();
    emulator.close();
  }
}
