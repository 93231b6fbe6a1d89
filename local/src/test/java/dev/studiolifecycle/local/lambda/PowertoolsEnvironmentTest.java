package dev.studiolifecycle.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class PowertoolsEnvironmentTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> TEMPLATE =
      Map.of(
          PowertoolsEnvironment.METRICS_NAMESPACE,
          "StudioLifecycle",
          PowertoolsEnvironment.SERVICE_NAME,
          "studio-lifecycle");

  @AfterEach
  void restoreTheTemplatesSettings() {
    PowertoolsEnvironment.apply(TEMPLATE);
  }

  @Test
  void metricsGoToTheNamespaceOfTheFunctionsEnvironment() {
    PowertoolsEnvironment.apply(Map.of(PowertoolsEnvironment.METRICS_NAMESPACE, "LocalCheck"));

    assertThat(flushOne()).contains("\"Namespace\":\"LocalCheck\"");
  }

  @Test
  void anEnvironmentWithoutANamespaceLeavesTheCurrentOne() {
    PowertoolsEnvironment.apply(Map.of(PowertoolsEnvironment.METRICS_NAMESPACE, "LocalCheck"));
    PowertoolsEnvironment.apply(Map.of("OTHER", "x"));

    assertThat(flushOne()).contains("\"Namespace\":\"LocalCheck\"");
  }

  @Test
  void theRuntimeAppliesEachFunctionsSettingsAndItsMetricsReachTheHandlerOutput() throws Exception {
    ByteArrayOutputStream handlerLog = new ByteArrayOutputStream();
    FunctionDefinition function =
        new FunctionDefinition(
            "MetricsFunction",
            "MetricsFunction",
            "dev.studiolifecycle.local.lambda.fixtures.MetricsHandler",
            "java21",
            3,
            256,
            Map.of(
                PowertoolsEnvironment.METRICS_NAMESPACE,
                "LocalNamespaceUnderTest",
                PowertoolsEnvironment.SERVICE_NAME,
                "metrics-fixture"),
            null,
            null,
            "x86_64",
            2);
    LambdaRuntime runtime =
        LambdaRuntime.builder(List.of(function))
            .handlerOutput(new PrintStream(handlerLog, true, StandardCharsets.UTF_8))
            .clock(new VirtualClock())
            .build();

    LambdaResponse response =
        runtime.invoke("MetricsFunction", null, "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(response).isInstanceOf(LambdaResponse.Returned.class);
    String emf =
        handlerLog
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.contains("\"_aws\""))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no EMF record in the handler output: " + handlerLog));
    JsonNode record = MAPPER.readTree(emf);
    assertThat(record.at("/_aws/CloudWatchMetrics/0/Namespace").asText())
        .isEqualTo("LocalNamespaceUnderTest");
    assertThat(record.path("Service").asText()).isEqualTo("metrics-fixture");
    assertThat(record.path("Greetings").asDouble()).isEqualTo(1.0);
  }

  /**
   * Powertools' logging writes the service name and the cold-start flag on every line: as Lambda
   * would, each function's first invocation is a cold start and its later ones are not, and the
   * service is the function's own.
   */
  @Test
  void eachFunctionsFirstInvocationIsItsColdStartUnderItsOwnServiceName() {
    List<FunctionDefinition> functions =
        List.of(stateFunction("OneFunction", "one-service"), stateFunction("TwoFunction", "two"));
    LambdaRuntime runtime =
        LambdaRuntime.builder(functions)
            .handlerOutput(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .clock(new VirtualClock())
            .build();

    assertThat(state(runtime, "OneFunction")).isEqualTo("\"one-service true\"");
    assertThat(state(runtime, "OneFunction")).isEqualTo("\"one-service false\"");
    assertThat(state(runtime, "TwoFunction")).isEqualTo("\"two true\"");
    assertThat(state(runtime, "OneFunction")).isEqualTo("\"one-service false\"");
    assertThat(state(runtime, "TwoFunction")).isEqualTo("\"two false\"");
  }

  private static FunctionDefinition stateFunction(String name, String service) {
    return new FunctionDefinition(
        name,
        name,
        "dev.studiolifecycle.local.lambda.fixtures.PowertoolsStateHandler",
        "java21",
        3,
        256,
        Map.of(PowertoolsEnvironment.SERVICE_NAME, service),
        null,
        null,
        "x86_64",
        2);
  }

  private static String state(LambdaRuntime runtime, String function) {
    LambdaResponse response = runtime.invoke(function, null, "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(response).isInstanceOf(LambdaResponse.Returned.class);
    return new String(((LambdaResponse.Returned) response).payload(), StandardCharsets.UTF_8);
  }

  /** What Powertools prints (EMF goes to standard output) when it flushes one metric. */
  private static String flushOne() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Metrics metrics = MetricsFactory.getMetricsInstance();
      metrics.addMetric("Checked", 1, MetricUnit.COUNT);
      metrics.flush();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
