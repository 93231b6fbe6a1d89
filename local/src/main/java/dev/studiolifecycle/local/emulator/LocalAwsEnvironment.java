package dev.studiolifecycle.local.emulator;

import dev.studiolifecycle.local.LocalAccount;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Points the AWS SDK's standard configuration of this JVM at an emulator (endpoint URL, region,
 * dummy credentials, a single attempt so that retries happen in the state machine) and puts the
 * previous system properties back on close. SDK clients built while it is open, with no endpoint
 * override, reach the emulator.
 */
public final class LocalAwsEnvironment implements AutoCloseable {

  /**
   * The service-specific endpoint properties too: they outrank {@code aws.endpointUrl}, and so does
   * an {@code AWS_ENDPOINT_URL_<SERVICE>} environment variable, which only they override.
   */
  private static final List<String> SERVICE_ENDPOINT_PROPERTIES =
      List.of(
          "aws.endpointUrlSageMaker",
          "aws.endpointUrlIam",
          "aws.endpointUrlSns",
          "aws.endpointUrlSts",
          "aws.endpointUrlSfn");

  private final Map<String, String> previous = new LinkedHashMap<>();
  private boolean closed;

  private LocalAwsEnvironment(Map<String, String> properties) {
    properties.forEach(
        (name, value) -> {
          previous.put(name, System.getProperty(name));
          System.setProperty(name, value);
        });
  }

  /** Points the SDK at {@code emulator}. */
  public static LocalAwsEnvironment pointAt(AwsEmulator emulator) {
    return pointAt(emulator.endpoint());
  }

  /** Points the SDK at the emulator serving {@code endpoint}. */
  public static LocalAwsEnvironment pointAt(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("aws.endpointUrl", endpoint.toString());
    SERVICE_ENDPOINT_PROPERTIES.forEach(name -> properties.put(name, endpoint.toString()));
    properties.put("aws.region", LocalAccount.REGION);
    properties.put("aws.accessKeyId", "studio-lifecycle-local");
    properties.put("aws.secretAccessKey", "studio-lifecycle-local");
    properties.put("aws.maxAttempts", "1");
    return new LocalAwsEnvironment(properties);
  }

  /** The properties set, with their values. */
  public Map<String, String> properties() {
    Map<String, String> now = new LinkedHashMap<>();
    previous.keySet().forEach(name -> now.put(name, System.getProperty(name)));
    return now;
  }

  /** Restores every property to its value before, removing those that were unset. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    previous.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
  }
}
