package dev.studiolifecycle.local.emulator;

import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints the emulator's startup times and DescribeUserProfile throughput from one SDK client. Run
 * by hand, never by the build:
 *
 * <pre>
 * mvn -B -q verify -DskipTests   # or a full verify
 * java -cp local/target/test-classes:local/target/studio-lifecycle-local.jar \
 *   dev.studiolifecycle.local.emulator.EmulatorBenchmark local/target/studio-lifecycle-local.jar
 * </pre>
 *
 * The optional argument is the shaded jar, to time {@code java -jar ... emulator} up to its
 * endpoint line.
 */
public final class EmulatorBenchmark {

  private static final String DOMAIN = "d-benchmark001";
  private static final int WARM_UP_CALLS = 3_000;
  private static final int MEASURED_CALLS = 20_000;

  private EmulatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    long startNanos = System.nanoTime();
    AwsEmulator emulator = AwsEmulator.builder().build().start();
    long boundNanos = System.nanoTime();
    HttpResponse<String> first =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                    .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKID/20260105/us-east-1/sts/"
                            + "aws4_request, SignedHeaders=host, Signature=0")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "Action=GetCallerIdentity&Version=2011-06-15"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    long firstNanos = System.nanoTime();
    if (first.statusCode() != 200) {
      throw new IllegalStateException("first request failed: " + first.body());
    }
    print("in-process: build+start (bind 127.0.0.1)", millis(boundNanos - startNanos), "ms");
    print(
        "in-process: start to first served request (JDK HttpClient, cold)",
        millis(firstNanos - startNanos),
        "ms");

    emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "benchmark"));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN, "jane-doe"));
    long clientStart = System.nanoTime();
    try (EmulatorClients clients = new EmulatorClients(emulator)) {
      clients.sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane-doe"));
      print(
          "in-process: SDK SageMakerClient build + first DescribeUserProfile (cold)",
          millis(System.nanoTime() - clientStart),
          "ms");
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        clients.sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane-doe"));
      }
      long measureStart = System.nanoTime();
      for (int i = 0; i < MEASURED_CALLS; i++) {
        clients.sageMaker.describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane-doe"));
      }
      double seconds = (System.nanoTime() - measureStart) / 1e9;
      print(
          "DescribeUserProfile, one SDK client, sequential (" + MEASURED_CALLS + " calls)",
          MEASURED_CALLS / seconds,
          "requests/s");
      print("DescribeUserProfile mean latency", seconds * 1e6 / MEASURED_CALLS, "us");
      print(
          "DescribeUserProfile, raw JDK HttpClient, sequential (server side alone)",
          rawThroughput(emulator),
          "requests/s");
    } finally {
      emulator.close();
    }

    if (args.length > 0) {
      timeStandalone(Path.of(args[0]));
    }
  }

  /** The same call without the SDK's signing and pipeline: what the emulator itself costs. */
  private static double rawThroughput(AwsEmulator emulator) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20260105/us-east-1/sagemaker/aws4_request, "
                    + "SignedHeaders=host, Signature=0")
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "SageMaker.DescribeUserProfile")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"DomainId\":\"" + DOMAIN + "\",\"UserProfileName\":\"jane-doe\"}"))
            .build();
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    long start = System.nanoTime();
    for (int i = 0; i < MEASURED_CALLS; i++) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("DescribeUserProfile failed: " + response.body());
      }
    }
    return MEASURED_CALLS / ((System.nanoTime() - start) / 1e9);
  }

  private static void timeStandalone(Path jar) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(java, "-jar", jar.toString(), "emulator", "--port", "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      long elapsed = System.nanoTime() - start;
      print("standalone: java -jar ... emulator to its endpoint line", millis(elapsed), "ms");
      System.out.println("  (" + line + ")");
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void print(String what, double value, String unit) {
    System.out.println(String.format(Locale.ROOT, "%-75s %10.1f %s", what, value, unit));
  }
}
