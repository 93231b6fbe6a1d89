package dev.studiolifecycle.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.KmsKeys;
import dev.studiolifecycle.local.emulator.iam.AwsManagedPolicies;
import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.ManagedPolicyResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.ResourcePolicyResource;
import dev.studiolifecycle.local.template.RoleResource;
import dev.studiolifecycle.local.template.RuleTarget;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.TopicResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether an AWS service may deliver to a resource of the template on behalf of another
 * (EventBridge for a rule, Scheduler for a schedule), as the grants AWS reads decide it: a queue's
 * policy (and its key's) for {@code sqs:SendMessage}, a role the service assumes for a state
 * machine, a function's resource policy. Their conditions are read with the keys the service sends
 * ({@code aws:SourceArn}, {@code aws:SourceAccount}). Otherwise AWS drops what it could not
 * deliver, with no error anyone sees, unless a dead-letter queue takes it (EventBridge user guide,
 * "Using dead-letter queues to process undelivered events").
 */
public final class ServiceDeliveries {

  /** EventBridge's service principal. */
  public static final String EVENTBRIDGE = "events.amazonaws.com";

  /** EventBridge Scheduler's service principal. */
  public static final String SCHEDULER = "scheduler.amazonaws.com";

  /** CloudWatch's service principal, which publishes alarm actions. */
  public static final String CLOUDWATCH = "cloudwatch.amazonaws.com";

  private ServiceDeliveries() {}

  /**
   * Why {@code service} may not send to the queue {@code queueArn} for {@code sourceArn}, or empty
   * when it may. A queue the template does not give a policy is refused: no statement grants the
   * service. A queue under KMS needs its key too ({@link #keyRefusal}).
   */
  public static Optional<String> queueRefusal(
      SamTemplate template, String service, String sourceArn, String queueArn) {
    return delivery(
        template,
        new IamRequest(
            "sqs:SendMessage", queueArn, sourceKeys(sourceArn), service + " for " + sourceArn),
        service,
        sourceArn,
        "queue",
        template.queueKey(queueArn),
        "sqs");
  }

  /**
   * Why {@code service} may not publish to the topic {@code topicArn} for {@code sourceArn}, or
   * empty when it may: the topic's policy must let it {@code sns:Publish} and, for an encrypted
   * topic, the key's policy must let it use the key, SNS asking KMS with the topic as encryption
   * context ({@code aws:sns:topicArn}); the AWS managed key {@code aws/sns} cannot be used by a
   * service (SNS developer guide, "Enable compatibility between event sources from AWS services and
   * encrypted topics").
   */
  public static Optional<String> topicRefusal(
      SamTemplate template, String service, String sourceArn, String topicArn) {
    Map<String, List<String>> keys = new LinkedHashMap<>(sourceKeys(sourceArn));
    keys.put("kms:EncryptionContext:aws:sns:topicArn", List.of(topicArn));
    Optional<String> key =
        template.topics().stream()
            .filter(topic -> topic.arn().equals(topicArn))
            .findFirst()
            .map(TopicResource::kmsMasterKeyId);
    return delivery(
        template,
        new IamRequest("sns:Publish", topicArn, keys, service + " for " + sourceArn),
        service,
        sourceArn,
        "topic",
        key,
        "sns");
  }

  /** The keys a service sends when it acts for one of the account's resources. */
  private static Map<String, List<String>> sourceKeys(String sourceArn) {
    return Map.of(
        "aws:SourceArn", List.of(sourceArn),
        "aws:SourceAccount", List.of(LocalAccount.ACCOUNT_ID));
  }

  /** The resource's policy for {@code send}, then its key ({@link #keyRefusal}). */
  private static Optional<String> delivery(
      SamTemplate template,
      IamRequest send,
      String service,
      String sourceArn,
      String kind,
      Optional<String> declaredKey,
      String keyService) {
    String arn = send.resource();
    List<ResourcePolicyResource> policies =
        template.resourcePolicies().stream().filter(p -> p.governs(arn)).toList();
    if (policies.isEmpty()) {
      return Optional.of(
          "no " + kind + " policy of " + template.file() + " lets " + service + " send to " + arn);
    }
    List<PolicyStatement> statements = new ArrayList<>();
    for (ResourcePolicyResource policy : policies) {
      statements.addAll(
          PolicyStatement.grantedToService(
              policy.document(),
              service,
              arn,
              "Resources." + policy.logicalId() + ".Properties.PolicyDocument"));
    }
    Optional<String> refused =
        evaluated(
            statements,
            send,
            reason ->
                "the policy of "
                    + arn
                    + " does not let "
                    + service
                    + " "
                    + send.action()
                    + " for "
                    + sourceArn
                    + " ("
                    + reason
                    + ")");
    return refused.isPresent() || declaredKey.isEmpty()
        ? refused
        : keyRefusal(template, service, send, declaredKey.get(), keyService);
  }

  /**
   * The key of a queue or topic encrypted with KMS must let the service use it: its key policy must
   * grant the service kms:GenerateDataKey and kms:Decrypt; an AWS managed key ({@code aws/sqs},
   * {@code aws/sns}), whose policy serves the account's own principals only and cannot be changed,
   * lets no service send (SQS developer guide, "Amazon SQS Key management"; SNS developer guide).
   */
  private static Optional<String> keyRefusal(
      SamTemplate template, String service, IamRequest send, String declared, String keyService) {
    Optional<String> keyArn;
    try {
      keyArn = KmsKeys.customerKeyArn(declared, keyService);
    } catch (IllegalArgumentException unknown) {
      return Optional.of(unknown.getMessage());
    }
    if (keyArn.isEmpty()) {
      return Optional.of(
          send.resource()
              + " is encrypted with the AWS managed key aws/"
              + keyService
              + ", which no AWS service may use");
    }
    Optional<KeyResource> key = template.key(keyArn.get());
    if (key.isEmpty()) {
      return Optional.of(
          keyArn.get() + " is not a key of " + template.file() + ": its key policy cannot be read");
    }
    List<PolicyStatement> granted =
        PolicyStatement.grantedToService(
            key.get().keyPolicy(),
            service,
            keyArn.get(),
            "Resources." + key.get().logicalId() + ".Properties.KeyPolicy");
    for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
      Optional<String> refused =
          evaluated(
              granted,
              new IamRequest(action, keyArn.get(), send.context(), send.because()),
              reason ->
                  "the key policy of "
                      + key.get().logicalId()
                      + ", the key of "
                      + send.resource()
                      + ", does not let "
                      + service
                      + " "
                      + action
                      + " ("
                      + reason
                      + ")");
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code service} may not assume the template role {@code roleArn} on behalf of {@code
   * sourceArn}, or empty when it may: the role must be one of the template's (the policies of a
   * role made elsewhere cannot be read) and trust the service with the keys it sends ({@code
   * aws:SourceArn}, {@code aws:SourceAccount}): EventBridge user guide, "IAM roles for sending
   * events to targets"; EventBridge Scheduler user guide, "Set up the execution role".
   */
  public static Optional<String> assumeRefusal(
      SamTemplate template, String service, String sourceArn, String roleArn) {
    Optional<RoleResource> role = roleArn == null ? Optional.empty() : template.role(roleArn);
    if (role.isEmpty()) {
      return Optional.of(
          roleArn == null
              ? "no role is given for " + sourceArn + ", so " + service + " cannot act for it"
              : "the role " + roleArn + " is not a role of " + template.file());
    }
    IamRequest assume =
        new IamRequest(
            "sts:AssumeRole",
            roleArn,
            Map.of(
                "aws:SourceAccount", List.of(LocalAccount.ACCOUNT_ID),
                "aws:SourceArn", List.of(sourceArn)),
            service + " for " + sourceArn);
    return evaluated(
        role.get().trustOf(service),
        assume,
        reason -> service + " may not assume " + roleArn + " for " + sourceArn + ": " + reason);
  }

  /**
   * Why {@code service}, as the template role {@code roleArn} on behalf of {@code sourceArn}, may
   * not do {@code action} on {@code resource}, or empty when it may: {@link #assumeRefusal}, then
   * the role's inline policies.
   */
  public static Optional<String> roleRefusal(
      SamTemplate template,
      String service,
      String sourceArn,
      String roleArn,
      String action,
      String resource) {
    Optional<String> untrusted = assumeRefusal(template, service, sourceArn, roleArn);
    if (untrusted.isPresent()) {
      return untrusted;
    }
    TemplatePrincipal principal = asTemplateRole(template, template.role(roleArn).orElseThrow());
    return principal.checked(
        new IamRequest(action, resource, Map.of(), service + " for " + sourceArn),
        principal::denial);
  }

  /**
   * A template role as a service uses it: its inline policies, its ManagedPolicyArns whose
   * documents the template (its own managed policies) or the catalogue holds (any other allows
   * nothing, and a refusal names it) and its permissions boundary (one whose document is not held
   * refuses everything).
   */
  private static TemplatePrincipal asTemplateRole(SamTemplate template, RoleResource role) {
    List<PolicyStatement> identity = new ArrayList<>(role.statements());
    List<String> unread = new ArrayList<>();
    for (String policyArn : role.managedPolicyArns()) {
      managedPolicy(template, policyArn)
          .ifPresentOrElse(identity::addAll, () -> unread.add(policyArn));
    }
    String boundaryArn = role.permissionsBoundaryArn();
    return new TemplatePrincipal(
        role.arn(),
        identity,
        unread,
        boundaryArn,
        boundaryArn == null ? null : managedPolicy(template, boundaryArn).orElse(null),
        null);
  }

  /** The statements of a managed policy of the template, or of the catalogue, if held. */
  private static Optional<List<PolicyStatement>> managedPolicy(
      SamTemplate template, String policyArn) {
    for (ManagedPolicyResource policy : template.managedPolicies()) {
      if (policy.arn().equals(policyArn)) {
        return Optional.of(
            PolicyStatement.ofDocument(
                policy.policyDocument(),
                "Resources." + policy.logicalId() + ".Properties.PolicyDocument"));
      }
    }
    return AwsManagedPolicies.catalogue()
        .byArn(policyArn)
        .flatMap(AwsManagedPolicies.AwsManagedPolicy::defaultDocument)
        .map(document -> PolicyStatement.ofDocument(document, policyArn));
  }

  private static Optional<String> evaluated(
      List<PolicyStatement> statements, IamRequest request, Function<String, String> refused) {
    try {
      PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, request);
      return decision.allowed() ? Optional.empty() : Optional.of(refused.apply(decision.reason()));
    } catch (IllegalArgumentException unsupported) {
      return Optional.of("the local policy evaluator cannot evaluate: " + unsupported.getMessage());
    }
  }

  /**
   * Why {@code service} may not invoke the template function {@code function} on behalf of {@code
   * sourceArn} at {@code targetArn} (its ARN or its alias's), or empty when it may: an
   * AWS::Lambda::Permission of the template must let the service (or everyone) {@code
   * lambda:InvokeFunction} it, with a SourceArn, if it names one, matching {@code sourceArn}
   * (ArnLike, as AddPermission writes it) and a SourceAccount, if it names one, the account's
   * (EventBridge user guide, "Using resource-based policies for Amazon EventBridge": the function's
   * policy must grant EventBridge; Lambda API reference, AddPermission).
   */
  public static Optional<String> invokeRefusal(
      SamTemplate template,
      String service,
      String sourceArn,
      FunctionDefinition function,
      String targetArn) {
    // A permission holds for the function, version or alias it names, no other (Lambda developer
    // guide, "Using Lambda aliases in event sources and permissions policies"): the alias's for
    // the alias, the unqualified function's otherwise; by name, ARN or partial ARN, as
    // AddPermission takes them.
    boolean alias = function.aliasArn().filter(targetArn::equals).isPresent();
    String name = function.functionName() + (alias ? ":" + function.alias().orElseThrow() : "");
    List<String> names = List.of(name, targetArn, LocalAccount.ACCOUNT_ID + ":function:" + name);
    for (JsonNode resource : template.resolvedResources().values()) {
      if (!resource.path("Type").asText().equals("AWS::Lambda::Permission")) {
        continue;
      }
      JsonNode permission = resource.path("Properties");
      String action = permission.path("Action").asText();
      String principal = permission.path("Principal").asText();
      JsonNode source = permission.get("SourceArn");
      JsonNode account = permission.get("SourceAccount");
      if (names.contains(permission.path("FunctionName").asText())
          && (action.equals("lambda:InvokeFunction") || action.equals("lambda:*"))
          && (principal.equals(service) || principal.equals("*"))
          && (source == null || PolicyEvaluator.like(source.asText(), sourceArn, false))
          && (account == null || account.asText().equals(LocalAccount.ACCOUNT_ID))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "no AWS::Lambda::Permission of "
            + template.file()
            + " lets "
            + service
            + " invoke "
            + name
            + " for "
            + sourceArn);
  }

  /**
   * Why EventBridge may not deliver to {@code target} of {@code rule}, or empty when it may or the
   * local runtime does not deliver there: a template state machine is started as the target's role
   * ({@link #roleRefusal}), a template function must let EventBridge invoke it ({@link
   * #invokeRefusal}), a queue or topic must take it ({@link #queueRefusal}, {@link #topicRefusal}).
   * SAM makes these grants itself for the targets of its {@code EventBridgeRule} events.
   */
  public static Optional<String> deliveryRefusal(
      SamTemplate template, EventRuleResource rule, RuleTarget target) {
    if (target.grantedBySam()) {
      return Optional.empty();
    }
    String arn = target.arn();
    if (template.stateMachines().stream().anyMatch(machine -> machine.arn().equals(arn))) {
      return roleRefusal(
          template, EVENTBRIDGE, rule.arn(), target.roleArn(), "states:StartExecution", arn);
    }
    Optional<FunctionDefinition> function =
        template.functions().values().stream()
            .filter(f -> f.arn().equals(arn) || f.aliasArn().filter(arn::equals).isPresent())
            .findFirst();
    if (function.isPresent()) {
      return invokeRefusal(template, EVENTBRIDGE, rule.arn(), function.get(), arn);
    }
    if (template.topics().stream().anyMatch(topic -> topic.arn().equals(arn))) {
      return topicRefusal(template, EVENTBRIDGE, rule.arn(), arn);
    }
    return arn.startsWith("arn:" + LocalAccount.PARTITION + ":sqs:")
        ? queueRefusal(template, EVENTBRIDGE, rule.arn(), arn)
        : Optional.empty();
  }

  /**
   * The dead-letter queue of {@code target} that takes an event EventBridge could not deliver for
   * {@code rule}, if it has one that does (its queue policy lets EventBridge send for the rule).
   */
  public static Optional<String> deadLetterQueueTaking(
      SamTemplate template, EventRuleResource rule, RuleTarget target) {
    return target
        .deadLetterQueue()
        .filter(queue -> queueRefusal(template, EVENTBRIDGE, rule.arn(), queue).isEmpty());
  }
}
