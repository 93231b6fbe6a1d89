package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A domain that exists before the simulation starts.
 *
 * @param domainId the id to use, or null to draw one ({@code d-} and 12 lowercase alphanumerics)
 * @param authMode {@code IAM} or {@code SSO}
 * @param defaultUserSettings the domain's DefaultUserSettings, or null for none
 */
public record DomainSeed(
    String domainId,
    String domainName,
    String authMode,
    JsonNode defaultUserSettings,
    Map<String, String> tags) {

  public DomainSeed {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static DomainSeed iam(String domainId, String domainName) {
    return new DomainSeed(domainId, domainName, "IAM", null, Map.of());
  }

  public static DomainSeed sso(String domainId, String domainName) {
    return new DomainSeed(domainId, domainName, "SSO", null, Map.of());
  }
}
