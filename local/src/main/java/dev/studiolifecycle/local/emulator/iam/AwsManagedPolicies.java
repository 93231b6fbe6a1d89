package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS managed policies that exist, as data ({@code aws-managed-policies.json}, from AWS's
 * Managed Policy Reference): an AWS managed policy ARN that is not in this catalogue does not
 * exist, as on AWS, so a misspelt name or a wrong path fails locally the way it fails on deploy.
 */
public final class AwsManagedPolicies {

  private static final String RESOURCE = "aws-managed-policies.json";
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final Pattern PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  private static final AwsManagedPolicies CATALOGUE = load();

  /**
   * One AWS managed policy.
   *
   * @param defaultVersionId the default version, when the catalogue records it
   * @param document the default version's JSON document, when the catalogue holds it
   */
  public record AwsManagedPolicy(
      String policyName, String path, String defaultVersionId, JsonNode document) {

    public AwsManagedPolicy {
      Objects.requireNonNull(policyName, "policyName");
      Objects.requireNonNull(path, "path");
    }

    public String arn() {
      return "arn:aws:iam::aws:policy" + path + policyName;
    }

    /**
     * A policy of a service-linked role (path {@code /aws-service-role/}): IAM attaches it only to
     * that service's own role and answers {@code PolicyNotAttachable} for any other.
     */
    public boolean forServiceLinkedRole() {
      return path.startsWith("/aws-service-role/");
    }

    public Optional<JsonNode> defaultDocument() {
      return Optional.ofNullable(document);
    }
  }

  private final Map<String, AwsManagedPolicy> byArn;

  private AwsManagedPolicies(Map<String, AwsManagedPolicy> byArn) {
    this.byArn = Collections.unmodifiableMap(byArn);
  }

  /** The catalogue, read once from the classpath. */
  public static AwsManagedPolicies catalogue() {
    return CATALOGUE;
  }

  /** The policy of exactly this ARN: ARNs are matched as written, case included. */
  public Optional<AwsManagedPolicy> byArn(String arn) {
    return Optional.ofNullable(byArn.get(arn));
  }

  /**
   * The ARN SAM writes into the role it generates for an item of a function's or state machine's
   * {@code Policies}: an ARN as written; the name of an AWS managed policy, that policy's ARN (at
   * its path, e.g. {@code service-role/}); any other name as written, which IAM then refuses as no
   * ARN (SAM translator, {@code _get_managed_policy_arn}: "If it matches no ARN, the name is used
   * as-is"). A name this catalogue does not hold is taken as unknown: the stricter reading.
   */
  public String samArn(String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    return byArn.values().stream()
        .filter(policy -> policy.policyName().equals(nameOrArn))
        .map(AwsManagedPolicy::arn)
        .findFirst()
        .orElse(nameOrArn);
  }

  /** Every policy of the catalogue, sorted by name as the data file lists them. */
  public List<AwsManagedPolicy> all() {
    return List.copyOf(byArn.values());
  }

  private static AwsManagedPolicies load() {
    JsonNode root = LocalJson.resource(AwsManagedPolicies.class, RESOURCE);
    Map<String, AwsManagedPolicy> policies = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    JsonNode list = root.path("policies");
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String name = entry.path("policyName").asText("");
      String path = entry.path("path").asText("");
      if (!NAME.matcher(name).matches() || !PATH.matcher(path).matches()) {
        problems.add("policies[" + i + "]: bad policyName '" + name + "' or path '" + path + "'");
        continue;
      }
      JsonNode document = entry.get("document");
      AwsManagedPolicy policy =
          new AwsManagedPolicy(
              name,
              path,
              entry.hasNonNull("defaultVersionId") ? entry.get("defaultVersionId").asText() : null,
              document == null || document.isNull() ? null : document);
      if (policies.put(policy.arn(), policy) != null) {
        problems.add("policies[" + i + "]: " + policy.arn() + " is listed twice");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(RESOURCE + ": " + String.join("; ", problems));
    }
    return new AwsManagedPolicies(policies);
  }
}
