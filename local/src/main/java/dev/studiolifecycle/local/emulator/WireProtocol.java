package dev.studiolifecycle.local.emulator;

import java.util.Objects;

/** How a service speaks on the wire: one of the protocols the emulated services use. */
public sealed interface WireProtocol
    permits WireProtocol.AwsJson, WireProtocol.AwsQuery, WireProtocol.RestXml {

  /**
   * awsJson1_0 / awsJson1_1: JSON POST bodies, the operation in {@code X-Amz-Target:
   * <targetPrefix>.<Operation>}.
   */
  record AwsJson(String version, String targetPrefix) implements WireProtocol {
    public AwsJson {
      if (!"1.0".equals(version) && !"1.1".equals(version)) {
        throw new IllegalArgumentException("awsJson version must be 1.0 or 1.1, got " + version);
      }
      Objects.requireNonNull(targetPrefix, "targetPrefix");
    }

    public String contentType() {
      return "application/x-amz-json-" + version;
    }
  }

  /** awsQuery: form-encoded POST with {@code Action=} and {@code Version=}, XML responses. */
  record AwsQuery(String apiVersion, String xmlNamespace) implements WireProtocol {
    public AwsQuery {
      Objects.requireNonNull(apiVersion, "apiVersion");
      Objects.requireNonNull(xmlNamespace, "xmlNamespace");
    }
  }

  /**
   * restXml, as S3 speaks it: the operation is told by the method, the path (or host) and the
   * query; {@code router} reads them into an operation and its input.
   */
  record RestXml(String xmlNamespace, RestRouter router) implements WireProtocol {
    public RestXml {
      Objects.requireNonNull(xmlNamespace, "xmlNamespace");
      Objects.requireNonNull(router, "router");
    }
  }
}
