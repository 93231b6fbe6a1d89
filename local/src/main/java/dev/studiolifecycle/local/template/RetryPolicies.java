package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The RetryPolicy of an EventBridge rule target and of an EventBridge Scheduler target, which share
 * their fields and ranges (EventBridge API reference and EventBridge Scheduler API reference,
 * RetryPolicy): MaximumRetryAttempts 0 to 185, MaximumEventAgeInSeconds 60 to 86,400.
 */
final class RetryPolicies {

  private RetryPolicies() {}

  /**
   * @param retryPolicy the RetryPolicy, or a missing node when there is none
   * @throws TemplateException naming the field and its range
   */
  static void check(JsonNode retryPolicy, String where) {
    wholeNumber(retryPolicy.get("MaximumRetryAttempts"), 0, 185, where + ".MaximumRetryAttempts");
    wholeNumber(
        retryPolicy.get("MaximumEventAgeInSeconds"),
        60,
        86_400,
        where + ".MaximumEventAgeInSeconds");
  }

  /** A whole number from {@code min} to {@code max}, when given. */
  static void wholeNumber(JsonNode value, long min, long max, String where) {
    if (value == null) {
      return;
    }
    String text = value.asText();
    if (!text.matches("\\d{1,9}") || Long.parseLong(text) < min || Long.parseLong(text) > max) {
      throw new TemplateException(
          where + ": must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
  }
}
