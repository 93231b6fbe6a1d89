package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.KmsKeys;
import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.ResourcePolicyResource;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an AWS service may deliver to one of the template's SQS queues on behalf of one of its
 * resources (EventBridge for a rule whose target or dead-letter queue it is): only when the queue's
 * policy lets the service {@code sqs:SendMessage}, its conditions read with the keys the service
 * sends ({@code aws:SourceArn}, {@code aws:SourceAccount}). Otherwise AWS drops what it could not
 * deliver, with no error anyone sees (EventBridge user guide, "Using dead-letter queues to process
 * undelivered events": the queue's policy must grant EventBridge).
 */
public final class ServiceDeliveries {

  /** EventBridge's service principal. */
  public static final String EVENTBRIDGE = "events.amazonaws.com";

  private ServiceDeliveries() {}

  /**
   * Why {@code service} may not send to the queue {@code queueArn} for {@code sourceArn}, or empty
   * when it may. A queue the template does not give a policy is refused: no statement grants the
   * service.
   */
  public static Optional<String> queueRefusal(
      SamTemplate template, String service, String sourceArn, String queueArn) {
    try {
      return refusal(template, service, sourceArn, queueArn);
    } catch (IllegalArgumentException unsupported) {
      // A condition the evaluator does not know never passes silently.
      return Optional.of("the local policy evaluator cannot evaluate: " + unsupported.getMessage());
    }
  }

  private static Optional<String> refusal(
      SamTemplate template, String service, String sourceArn, String queueArn) {
    List<ResourcePolicyResource> policies =
        template.resourcePolicies().stream().filter(p -> p.governs(queueArn)).toList();
    if (policies.isEmpty()) {
      return Optional.of(
          "no queue policy of " + template.file() + " lets " + service + " send to " + queueArn);
    }
    IamRequest send =
        new IamRequest(
            "sqs:SendMessage",
            queueArn,
            Map.of(
                "aws:SourceArn", List.of(sourceArn),
                "aws:SourceAccount", List.of(LocalAccount.ACCOUNT_ID)),
            service + " delivering for " + sourceArn);
    List<PolicyStatement> statements = new ArrayList<>();
    for (ResourcePolicyResource policy : policies) {
      statements.addAll(
          PolicyStatement.grantedToService(
              policy.document(),
              service,
              queueArn,
              "Resources." + policy.logicalId() + ".Properties.PolicyDocument"));
    }
    PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, send);
    return decision.allowed()
        ? keyRefusal(template, service, send)
        : Optional.of(
            "the policy of "
                + queueArn
                + " does not let "
                + service
                + " sqs:SendMessage for "
                + sourceArn
                + " ("
                + decision.reason()
                + ")");
  }

  /**
   * The key of a queue encrypted with KMS must let the service use it: its key policy must grant
   * the service kms:GenerateDataKey and kms:Decrypt; the AWS managed key {@code aws/sqs}, whose
   * policy serves the account's own principals only and cannot be changed, lets no service send
   * (SQS developer guide, "Amazon SQS Key management").
   */
  private static Optional<String> keyRefusal(
      SamTemplate template, String service, IamRequest send) {
    Optional<String> declared = template.queueKey(send.resource());
    if (declared.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> keyArn;
    try {
      keyArn = KmsKeys.customerKeyArn(declared.get(), "sqs");
    } catch (IllegalArgumentException unknown) {
      return Optional.of(unknown.getMessage());
    }
    if (keyArn.isEmpty()) {
      return Optional.of(
          send.resource()
              + " is encrypted with the AWS managed key aws/sqs, which no AWS service may use");
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
      IamRequest use = new IamRequest(action, keyArn.get(), send.context(), send.because());
      PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(granted, use);
      if (!decision.allowed()) {
        return Optional.of(
            "the key policy of "
                + key.get().logicalId()
                + ", the key of "
                + send.resource()
                + ", does not let "
                + service
                + " "
                + action
                + " ("
                + decision.reason()
                + ")");
      }
    }
    return Optional.empty();
  }
}
