package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import java.nio.file.Path;
import java.util.Map;

/** An emulator with one IAM domain whose calls template.yaml's policies authorize. */
final class AuthorizedEmulator {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));

  private AuthorizedEmulator() {}

  static AwsEmulator start(String domainId) {
    AwsEmulator emulator = AwsEmulator.builder().clock(new VirtualClock()).port(0).build().start();
    emulator.sageMaker().seedDomain(DomainSeed.iam(domainId, "studio"));
    emulator.authorizer(
        new TemplatePolicyAuthorizer(
            SamTemplate.load(ROOT.resolve("template.yaml"), Map.of("DomainId", domainId)),
            emulator.iam(),
            emulator.sageMaker()));
    return emulator;
  }
}
