package dev.studiolifecycle.local.permissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.iam.AwsManagedPolicies;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.template.AttachedPolicies;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.RoleResource;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the template's functions and state machines are when they call AWS: the session of the role
 * SAM generates from their {@code Policies} (with its {@code PermissionsBoundary}), or of the
 * {@code Role} they name; read once per caller.
 */
final class TemplatePrincipals {

  private final SamTemplate template;
  private final IamService iam;
  private final Map<String, TemplatePrincipal> principals = new ConcurrentHashMap<>();

  TemplatePrincipals(SamTemplate template, IamService iam) {
    this.template = template;
    this.iam = iam;
  }

  /** The function or state machine {@code logicalId} of the template, or empty when none is. */
  Optional<TemplatePrincipal> of(String logicalId) {
    TemplatePrincipal known = principals.get(logicalId);
    if (known != null) {
      return Optional.of(known);
    }
    String session;
    Optional<FunctionDefinition> function = template.function(logicalId);
    Optional<StateMachineResource> machine =
        template.stateMachines().stream().filter(m -> m.logicalId().equals(logicalId)).findFirst();
    if (function.isPresent()) {
      session = function.get().functionName();
    } else if (machine.isPresent()) {
      session = machine.get().name();
    } else {
      return Optional.empty();
    }
    AttachedPolicies attached = template.policies(logicalId);
    TemplatePrincipal principal =
        attached.role().isPresent()
            ? asRole(attached.role().get(), session)
            : bounded(
                LocalAccount.globalArn("sts", "assumed-role/" + logicalId + "Role/" + session),
                attached.statements(),
                attached.managedPolicies().stream()
                    .map(AwsManagedPolicies.catalogue()::samArn)
                    .toList(),
                attached.boundary().orElse(null));
    principals.put(logicalId, principal);
    return Optional.of(principal);
  }

  /**
   * A resource that names its {@code Role} runs as that role: a role of the template with its
   * inline and managed policies and boundary; a role the account has (the scenario seeds it) as IAM
   * holds it; any other role, whose policies cannot be read, is refused every call (the stricter
   * reading; a function's role must exist for the stack to deploy).
   */
  private TemplatePrincipal asRole(String roleArn, String session) {
    Optional<RoleResource> templateRole = template.role(roleArn);
    if (templateRole.isPresent()) {
      RoleResource role = templateRole.get();
      return bounded(
          sessionArn(role.arn(), session),
          role.statements(),
          role.managedPolicyArns(),
          role.permissionsBoundaryArn());
    }
    return iam.roleViewByArn(roleArn)
        .map(role -> ofAccountRole(role, session))
        .orElseGet(
            () ->
                new TemplatePrincipal(
                    sessionArn(roleArn, session),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    "the role "
                        + roleArn
                        + " is neither a role of "
                        + template.file()
                        + " nor one the account has, so the local runtime cannot read its"
                        + " policies"));
  }

  /** A session {@code session} of a role of the account: its policies and boundary as IAM holds. */
  TemplatePrincipal ofAccountRole(IamService.RoleView role, String session) {
    List<PolicyStatement> inline = new ArrayList<>();
    role.inlinePolicies()
        .forEach(
            (name, document) ->
                inline.addAll(statements(document, role.roleName() + "'s inline policy " + name)));
    return bounded(
        sessionArn(role.arn(), session),
        inline,
        role.attachedPolicyArns(),
        role.permissionsBoundaryArn());
  }

  private static String sessionArn(String roleArn, String session) {
    return LocalAccount.globalArn(
        "sts", "assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/" + session);
  }

  /**
   * A principal with its role's attached managed policies and permissions boundary read from IAM (a
   * template's managed policy is seeded there, an AWS managed one's document is in the catalogue):
   * a managed policy whose document is not held allows nothing, a boundary whose document is not
   * held refuses every call.
   */
  TemplatePrincipal bounded(
      String arn, List<PolicyStatement> inline, List<String> managed, String boundaryArn) {
    List<PolicyStatement> identity = new ArrayList<>(inline);
    List<String> unread = new ArrayList<>();
    for (String policyArn : managed) {
      Optional<String> document = iam.managedPolicyDocument(policyArn);
      if (document.isPresent()) {
        identity.addAll(statements(document.get(), policyArn));
      } else {
        unread.add(policyArn);
      }
    }
    return new TemplatePrincipal(
        arn,
        identity,
        unread,
        boundaryArn,
        boundaryArn == null
            ? null
            : iam.managedPolicyDocument(boundaryArn)
                .map(document -> statements(document, boundaryArn))
                .orElse(null),
        null);
  }

  /** The statements of a policy document IAM holds, named after {@code source}. */
  static List<PolicyStatement> statements(String document, String source) {
    try {
      return PolicyStatement.ofDocument(LocalJson.MAPPER.readTree(document), source);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(source + ": IAM holds a document that is not JSON", e);
    }
  }
}
