package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.emulator.AwsIdentity;
import dev.studiolifecycle.local.emulator.CallAuthorizer;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.template.iam.CallPermissions;
import dev.studiolifecycle.local.template.iam.IamRequest;
import dev.studiolifecycle.local.template.iam.PolicyEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM at the call: every AWS call a template function or state machine makes locally is evaluated
 * against that resource's own policy in template.yaml (its action, the actions the call implies,
 * resources, conditions and explicit denies, with role paths, tags and boundaries read from the
 * emulated IAM as the call arrives) and refused the way AWS refuses it. Calls that carry no caller
 * are an operator's (the AWS CLI, a test's setup) and are let through.
 */
public final class TemplatePolicyAuthorizer implements CallAuthorizer {

  /** Who a template resource is when it calls AWS: its role's session, and its statements. */
  private record Principal(String arn, List<PolicyStatement> statements) {}

  private final SamTemplate template;
  private final CallPermissions permissions;
  private final Map<String, Principal> principals = new ConcurrentHashMap<>();

  public TemplatePolicyAuthorizer(SamTemplate template, IamService iam) {
    this.template = Objects.requireNonNull(template, "template");
    Objects.requireNonNull(iam, "iam");
    this.permissions =
        CallPermissions.live(
            roleName ->
                iam.roleView(roleName)
                    .map(
                        role ->
                            new CallPermissions.RoleFacts(
                                role.path(), role.tags(), role.permissionsBoundaryArn())));
  }

  @Override
  public Optional<String> denial(
      EmulatedService service, ServiceRequest request, String iamAction) {
    if (request.caller() == null) {
      return Optional.empty();
    }
    Optional<Principal> principal = principal(request.caller());
    if (principal.isEmpty()) {
      return Optional.of(
          "The caller "
              + request.caller()
              + " is neither a function nor a state machine of "
              + template.file()
              + ", so no policy allows its calls");
    }
    List<IamRequest> needed;
    try {
      needed =
          permissions.requests(
              service.signingName(), request.operation(), iamAction, request.input());
    } catch (IllegalArgumentException unmapped) {
      // No mapping to IAM actions and resources: refused rather than let through unchecked.
      return Optional.of(
          "User: "
              + principal.get().arn()
              + " is not authorized to perform: "
              + iamAction
              + " (the local runtime cannot tell which resources it needs: "
              + unmapped.getMessage()
              + ")");
    }
    for (IamRequest authorization : needed) {
      Optional<String> denied = denial(principal.get(), authorization);
      if (denied.isPresent()) {
        return denied;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a state machine of the template may not invoke a function, or empty when it may: the
   * {@code lambda:InvokeFunction} of its Lambda tasks.
   */
  public Optional<String> invokeDenial(String stateMachineLogicalId, String functionArn) {
    Principal principal =
        principal(stateMachineLogicalId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        stateMachineLogicalId + " is not a state machine of the template"));
    return denial(
        principal,
        new IamRequest("lambda:InvokeFunction", functionArn, Map.of(), "a Lambda task"));
  }

  private Optional<String> denial(Principal principal, IamRequest authorization) {
    PolicyEvaluator.Decision decision;
    try {
      decision = PolicyEvaluator.evaluate(principal.statements(), authorization);
    } catch (IllegalArgumentException unsupported) {
      return Optional.of(
          notAuthorized(
              principal,
              authorization,
              "(the local policy evaluator cannot evaluate: " + unsupported.getMessage() + ")"));
    }
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(
        notAuthorized(
            principal,
            authorization,
            decision.statement().isPresent()
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the "
                    + authorization.action()
                    + " action"));
  }

  /**
   * IAM's access-denied message (IAM User Guide, "Troubleshoot access denied error messages"): the
   * principal, the action, the resource, and why.
   */
  private static String notAuthorized(Principal principal, IamRequest authorization, String why) {
    return "User: "
        + principal.arn()
        + " is not authorized to perform: "
        + authorization.action()
        + " on resource: "
        + authorization.resource()
        + " "
        + why;
  }

  private Optional<Principal> principal(String logicalId) {
    Principal known = principals.get(logicalId);
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
    List<PolicyStatement> statements = template.policies(logicalId).statements();
    Principal principal =
        new Principal(
            "arn:aws:sts::"
                + AwsIdentity.ACCOUNT_ID
                + ":assumed-role/"
                + logicalId
                + "Role/"
                + session,
            statements);
    principals.put(logicalId, principal);
    return Optional.of(principal);
  }
}
