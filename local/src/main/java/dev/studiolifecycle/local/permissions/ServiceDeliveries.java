package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.LocalAccount;
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
        ? Optional.empty()
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
}
