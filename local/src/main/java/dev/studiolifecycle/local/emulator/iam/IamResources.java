package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.IdSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles and policies of the emulated IAM, IAM's name rules and quotas, and what every call
 * relies on: lookups that answer NoSuchEntity, policies that must be attachable, trust policies
 * that must be valid. State guarded by {@link IamService}, which holds the lock while any of it is
 * read or changed.
 */
final class IamResources {

  static final int MAX_TAGS = 50;

  static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");
  static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]+");
  static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
  static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  static final Pattern DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  static final Pattern DESCRIPTION =
      Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
  static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]+");
  static final Pattern POLICY_ARN =
      Pattern.compile(
          "arn:aws:iam::(aws|\\d{12}):policy((?:/[A-Za-z0-9\\.,\\+@=_-]+)*/)" + "([\\w+=,.@-]+)");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role(/(?:[\\u0021-\\u007E]+/)?)([\\w+=,.@-]+)");
  static final int MAX_ATTACHED_POLICIES = 10;
  static final int MAX_INLINE_POLICY_BYTES = 10240;
  static final int MAX_TRUST_POLICY_CHARS = 2048;
  static final int MAX_MANAGED_POLICY_CHARS = 6144;

  /** A policy's size as IAM counts it against its quotas: its characters but white space. */
  static int policySize(String document) {
    return (int) document.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  static final Pattern PATH_PREFIX = Pattern.compile("\\u002F[\\u0021-\\u007F]*");

  final Clock clock;
  final IdSource ids;

  /** Lower-case role name to role: IAM names are unique regardless of case. */
  final Map<String, Role> roles = new LinkedHashMap<>();

  /** Lower-case policy name to customer managed policy: names are unique regardless of case. */
  final Map<String, CustomerPolicy> customerPolicies = new LinkedHashMap<>();

  final AwsManagedPolicies awsPolicies = AwsManagedPolicies.catalogue();
  Duration propagationDelay = Duration.ZERO;

  IamResources(Clock clock, IdSource ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** The RoleName member, checked against IAM's pattern and length. */
  static String roleName(IamInput input) {
    return input.required("RoleName", ROLE_NAME, 1, 64);
  }

  /** A role's trust policy document, within the size quota and valid, as a JSON tree. */
  JsonNode trustPolicy(String document) {
    return trustPolicy(document, this::roleArnExists);
  }

  /** The same, where {@code roleExists} says which role ARNs a principal may name. */
  static JsonNode trustPolicy(String document, Predicate<String> roleExists) {
    if (document.length() > MAX_TRUST_POLICY_CHARS) {
      throw IamErrors.LIMIT_EXCEEDED.because(
          "Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY_CHARS);
    }
    return PolicyDocuments.checkTrustPolicy(document, roleExists);
  }

  /** Whether a role ARN of this account names a role that exists, path included. */
  boolean roleArnExists(String roleArn) {
    Matcher matcher = ROLE_ARN.matcher(roleArn);
    if (!matcher.matches()) {
      return false;
    }
    Role role = roles.get(key(matcher.group(3)));
    return role != null && role.arn.equals(roleArn);
  }

  Role newRole(
      String name,
      String path,
      String document,
      JsonNode trustPolicy,
      String description,
      int maxSession,
      String boundary,
      boolean throughApi) {
    String arn = LocalAccount.globalArn("iam", "role" + path + name);
    return new Role(
        name,
        path,
        "AROA" + ids.upperAlphanumeric(17),
        arn,
        clock.instant(),
        document,
        trustPolicy,
        description,
        maxSession,
        boundary,
        throughApi);
  }

  Role role(String name) {
    Role role = roles.get(key(name));
    if (role == null) {
      throw IamErrors.NO_SUCH_ENTITY.because("The role with name " + name + " cannot be found.");
    }
    return role;
  }

  /**
   * A managed policy that can be attached or set as a boundary: an AWS managed policy of the
   * catalogue that is not a service-linked role's, or a customer managed policy of the account. IAM
   * answers NoSuchEntity for any other ARN of the right form.
   */
  Void requireAttachable(String policyArn, boolean asBoundary) {
    Matcher matcher = POLICY_ARN.matcher(policyArn);
    if (!matcher.matches()) {
      throw IamErrors.INVALID_INPUT.because("ARN " + policyArn + " is not valid.");
    }
    boolean exists;
    if ("aws".equals(matcher.group(1))) {
      Optional<AwsManagedPolicies.AwsManagedPolicy> policy = awsPolicies.byArn(policyArn);
      if (policy.isPresent() && policy.get().forServiceLinkedRole()) {
        // IAM API reference, PolicyNotAttachableException: AWS service role policies can only be
        // attached to the service-linked role for that service.
        throw IamErrors.POLICY_NOT_ATTACHABLE.because(
            "Cannot attach a Service Role Policy to a Customer Role.");
      }
      exists = policy.isPresent();
    } else {
      exists = customerPolicy(policyArn).isPresent();
    }
    if (!exists) {
      throw IamErrors.NO_SUCH_ENTITY.because(
          asBoundary
              ? "Scope ARN: " + policyArn + " does not exist or is not attachable."
              : "Policy " + policyArn + " does not exist or is not attachable.");
    }
    return null;
  }

  Optional<CustomerPolicy> customerPolicy(String policyArn) {
    Matcher matcher = POLICY_ARN.matcher(policyArn);
    if (!matcher.matches() || !LocalAccount.ACCOUNT_ID.equals(matcher.group(1))) {
      return Optional.empty();
    }
    CustomerPolicy policy = customerPolicies.get(key(matcher.group(3)));
    return policy != null && policy.arn.equals(policyArn) ? Optional.of(policy) : Optional.empty();
  }

  CustomerPolicy newCustomerPolicy(
      String name, String path, String document, String description, Map<String, String> tags) {
    String arn = LocalAccount.globalArn("iam", "policy" + path + name);
    return new CustomerPolicy(
        name,
        path,
        "ANPA" + ids.upperAlphanumeric(17),
        arn,
        document,
        description,
        clock.instant(),
        tags);
  }

  static void checkReservedTags(Map<String, String> tags) {
    for (String key : tags.keySet()) {
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw IamErrors.INVALID_INPUT.because(
            "User-defined tag keys can't start with 'aws:'. This "
                + "prefix is reserved for AWS tags. (Key: "
                + key
                + ")");
      }
    }
  }

  int attachmentCount(String policyArn) {
    return (int)
        roles.values().stream().filter(r -> r.attachedPolicyArns.contains(policyArn)).count();
  }

  int boundaryUsageCount(String policyArn) {
    return (int)
        roles.values().stream().filter(r -> policyArn.equals(r.permissionsBoundaryArn)).count();
  }

  /** IAM returns policy documents URL-encoded (RFC 3986), which SDK users decode. */
  static String urlEncode(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  static String key(String roleName) {
    return roleName.toLowerCase(Locale.ROOT);
  }
}
