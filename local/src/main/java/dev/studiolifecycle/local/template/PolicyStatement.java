package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * One statement of an IAM policy the template gives a function or state machine, with every
 * intrinsic resolved. Lists are empty where the statement has no such element; {@code condition} is
 * an empty object without a Condition.
 *
 * @param source where it comes from, e.g. {@code Resources.ValidateFunction.Properties.Policies[0]
 *     .Statement[1]}, or the SAM policy template it was expanded from
 * @param variables whether {@code ${...}} is a policy variable: only in a 2012-10-17 policy (IAM
 *     User Guide, policy variables); in an older or unversioned one it is literal text
 */
public record PolicyStatement(
    String source,
    String sid,
    Effect effect,
    List<String> actions,
    List<String> notActions,
    List<String> resources,
    List<String> notResources,
    JsonNode condition,
    boolean variables) {

  /** Allow or Deny. */
  public enum Effect {
    ALLOW,
    DENY
  }

  public PolicyStatement {
    actions = List.copyOf(actions);
    notActions = List.copyOf(notActions);
    resources = List.copyOf(resources);
    notResources = List.copyOf(notResources);
    condition = condition == null ? JsonNodeFactory.instance.objectNode() : condition.deepCopy();
  }

  /**
   * The statements of a policy document (an IAM policy's JSON), each named after {@code source}.
   *
   * @throws TemplateException when a statement breaks the policy grammar
   */
  public static List<PolicyStatement> ofDocument(JsonNode document, String source) {
    return PolicyReader.document(document, source);
  }

  /**
   * The statements of a resource policy (a key policy, a topic policy, a role's trust policy) that
   * apply to the AWS service {@code servicePrincipal} (e.g. {@code cloudwatch.amazonaws.com}) or to
   * everyone ({@code "*"}), as statements of an identity policy: their Principal dropped, and
   * {@code resource} where they name none (a trust policy names no Resource: it is the role). What
   * they allow that service, their conditions included, is then what {@code PolicyEvaluator}
   * decides.
   */
  public static List<PolicyStatement> grantedToService(
      JsonNode document, String servicePrincipal, String resource, String source) {
    return PolicyReader.grantedTo(document, "Service", List.of(servicePrincipal), resource, source);
  }

  /**
   * The statements of a resource policy that apply to any of {@code principals} (AWS principals:
   * role, session or account ARNs, account ids) or to everyone ({@code "*"}), as statements of an
   * identity policy, like {@link #grantedToService}.
   */
  public static List<PolicyStatement> grantedToAwsPrincipals(
      JsonNode document, List<String> principals, String resource, String source) {
    return PolicyReader.grantedTo(document, "AWS", principals, resource, source);
  }

  /** The Sid, or the source when the statement has none: for messages. */
  public String name() {
    return sid == null || sid.isEmpty() ? source : sid;
  }
}
