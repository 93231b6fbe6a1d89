package dev.studiolifecycle.local.emulator.sns;

/**
 * One subscription of a topic. {@code confirmed} is false for the protocols SNS asks to confirm
 * (http, https, email, email-json): until then ListSubscriptionsByTopic shows its ARN as {@code
 * PendingConfirmation}.
 */
record Subscription(
    String subscriptionArn, String topicArn, String protocol, String endpoint, boolean confirmed) {

  /** What SNS shows for a subscription that is not confirmed yet. */
  static final String PENDING = "PendingConfirmation";

  String listedArn() {
    return confirmed ? subscriptionArn : PENDING;
  }
}
