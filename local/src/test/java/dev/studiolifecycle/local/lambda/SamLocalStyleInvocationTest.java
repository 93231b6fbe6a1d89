package dev.studiolifecycle.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function run the way {@code sam local invoke -e events/... --parameter-overrides
 * AwsEndpointUrl=...} runs it against a running emulator (README, "Local emulator"): a JVM of its
 * own whose process environment is the function's as template.yaml gives it, the handler built by
 * its zero-argument constructor, the sample event through the Lambda runtime's serializer, and the
 * SDK sent to the emulator by the standard endpoint variable alone.
 */
class SamLocalStyleInvocationTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));
  private static final String DOMAIN = "d-abc123def456";

  @TempDir Path dir;

  @Test
  void checkStatusWithTheSampleEventReachesTheEmulatorThroughAwsEndpointUrl() throws Exception {
    try (AwsEmulator emulator =
        AwsEmulator.builder().clock(new VirtualClock()).port(0).build().start()) {
      emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "studio"));
      emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN, "jane-doe"));
      SamTemplate template =
          SamTemplate.load(
              ROOT.resolve("template.yaml"),
              Map.of("DomainId", DOMAIN, "AwsEndpointUrl", emulator.endpoint().toString()));
      FunctionDefinition function = template.function("CheckStatusFunction").orElseThrow();
      Path response = dir.resolve("response.json");

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(SamLocalInvoke.class.getName());
      command.add(function.handlerClass() + function.handlerMethod().map(m -> "::" + m).orElse(""));
      command.add(ROOT.resolve("events/check-status/await-profile-ready.json").toString());
      command.add(response.toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(dir.resolve("function.log").toFile());
      Map<String, String> environment = builder.environment();
      environment.clear();
      environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      environment.putAll(function.environment());
      environment.put("AWS_REGION", "us-east-1");
      environment.put("AWS_ACCESS_KEY_ID", "sam-local");
      environment.put("AWS_SECRET_ACCESS_KEY", "sam-local");
      environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());

      Process process = builder.start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the function's JVM ended").isTrue();
      String log = Files.readString(dir.resolve("function.log"));
      assertThat(process.exitValue()).as(log).isZero();

      assertThat(function.environment())
          .containsEntry("AWS_ENDPOINT_URL", emulator.endpoint().toString());
      JsonNode result = new ObjectMapper().readTree(Files.readString(response));
      assertThat(result.toString()).as(log).contains("InService");
      assertThat(emulator.requestLog().calls("sagemaker", "DescribeUserProfile"))
          .as("the SDK found the emulator by AWS_ENDPOINT_URL alone")
          .isNotEmpty();
    }
  }
}
