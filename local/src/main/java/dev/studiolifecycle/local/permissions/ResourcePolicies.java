package dev.studiolifecycle.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.ResourcePolicyResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a resource policy (a topic's, a bucket's, a key's) says of a call by a role's session in the
 * same account. Within one account an explicit deny in a resource policy refuses whatever identity
 * policies allow (IAM User Guide, "Policy evaluation logic"); the local runtime evaluates only
 * those denies, so an Allow in a topic or bucket policy never stands in for a grant the caller's
 * own policy lacks (the stricter reading; the template makes no such grant to its roles).
 */
final class ResourcePolicies {

  private final Supplier<List<ResourcePolicyResource>> read;
  // Read on the first call that needs them: reading them resolves the whole template.
  private volatile List<ResourcePolicyResource> policies;

  ResourcePolicies(Supplier<List<ResourcePolicyResource>> read) {
    this.read = read;
  }

  /**
   * Why a topic or bucket policy of the template explicitly denies the request, after "is not
   * authorized to perform: ... on resource: ...", or empty when none does.
   */
  Optional<String> explicitDeny(String sessionArn, IamRequest request) {
    return explicitDeny(sessionArn, roleArn(sessionArn), request);
  }

  /** The same, for a session of the role {@code roleArn} (which may have a path). */
  Optional<String> explicitDeny(String sessionArn, String roleArn, IamRequest request) {
    List<ResourcePolicyResource> known = policies;
    if (known == null) {
      known = read.get();
      policies = known;
    }
    for (ResourcePolicyResource policy : known) {
      if (policy.governs(request.resource())) {
        Optional<String> why = denyOf(policy, sessionArn, roleArn, request);
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The statements of a resource policy that apply to a session: those naming its role or session
   * ({@code direct}), those naming its account, by root ARN or id ({@code account}), both with the
   * statements for everyone ({@code "*"}).
   */
  record Applying(List<PolicyStatement> direct, List<PolicyStatement> account) {

    List<PolicyStatement> all() {
      Map<String, PolicyStatement> union = new LinkedHashMap<>();
      direct.forEach(statement -> union.put(statement.source(), statement));
      account.forEach(statement -> union.put(statement.source(), statement));
      return List.copyOf(union.values());
    }
  }

  static Applying applying(JsonNode document, String sessionArn, String resource, String where) {
    return applying(document, sessionArn, roleArn(sessionArn), resource, where);
  }

  /** The same, for a session of the role {@code roleArn} (which may have a path). */
  static Applying applying(
      JsonNode document, String sessionArn, String roleArn, String resource, String where) {
    // The session and its role are read one at a time, so that a NotPrincipal statement leaves
    // the caller out only when it names the session, the role and the account, as the IAM User
    // Guide asks ("AWS JSON policy elements: NotPrincipal"); the stricter reading of its "might".
    Map<String, PolicyStatement> direct = new LinkedHashMap<>();
    for (String identity : List.of(sessionArn, roleArn)) {
      PolicyStatement.grantedToAwsPrincipals(document, List.of(identity), resource, where)
          .forEach(statement -> direct.put(statement.source(), statement));
    }
    return new Applying(
        List.copyOf(direct.values()),
        PolicyStatement.grantedToAwsPrincipals(
            document,
            List.of(LocalAccount.globalArn("iam", "root"), LocalAccount.ACCOUNT_ID),
            resource,
            where));
  }

  /**
   * The request with the global condition keys every request by the session carries (IAM User
   * Guide, "AWS global condition context keys"): its role as {@code aws:PrincipalArn}, its account,
   * and {@code aws:SecureTransport} true, as the deployed functions' SDK clients call over HTTPS.
   */
  static IamRequest withGlobalKeys(IamRequest request, String sessionArn) {
    return withGlobalKeys(request, sessionArn, roleArn(sessionArn));
  }

  /** The same, for a session of the role {@code roleArn} (which may have a path). */
  static IamRequest withGlobalKeys(IamRequest request, String sessionArn, String roleArn) {
    return request.withSession(
        Map.of(
            "aws:PrincipalArn", List.of(roleArn),
            "aws:PrincipalAccount", List.of(LocalAccount.ACCOUNT_ID),
            "aws:SecureTransport", List.of("true")));
  }

  /**
   * Why {@code policy} explicitly denies the request to a session of {@code roleArn} (which may
   * have a path), after "is not authorized to perform: ... on resource: ...", or empty.
   */
  private static Optional<String> denyOf(
      ResourcePolicyResource policy, String sessionArn, String roleArn, IamRequest request) {
    String where = "Resources." + policy.logicalId() + ".Properties.PolicyDocument";
    PolicyEvaluator.Decision decision =
        PolicyEvaluator.evaluate(
            applying(policy.document(), sessionArn, roleArn, request.resource(), where).all(),
            withGlobalKeys(request, sessionArn, roleArn));
    if (decision.allowed() || decision.statement().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "with an explicit deny in a resource-based policy ("
            + decision.statement().get().name()
            + " of "
            + policy.logicalId()
            + ")");
  }

  /** {@code arn:aws:iam::<account>:role/<name>} of an {@code assumed-role/<name>/<session>}. */
  static String roleArn(String sessionArn) {
    String resource = sessionArn.substring(sessionArn.indexOf(":assumed-role/") + 14);
    return LocalAccount.globalArn("iam", "role/" + resource.substring(0, resource.indexOf('/')));
  }
}
