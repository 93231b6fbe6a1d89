package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What S3 refuses of an AWS::S3::Bucket's settings when CloudFormation applies them (Amazon S3 API
 * Reference): PutBucketEncryption's algorithms, PutBucketVersioning's statuses,
 * PutBucketOwnershipControls' ownerships, and PutBucketLifecycleConfiguration's rules (at most
 * 1,000, each with a Status of Enabled or Disabled, an ID of at most 255 characters unique in the
 * configuration, at least one action, and positive day counts). The message names the property.
 */
final class BucketChecks {

  private BucketChecks() {}

  static final int MAX_LIFECYCLE_RULES = 1_000;

  /** The lifecycle actions a rule may carry (LifecycleRule and CloudFormation's Rule). */
  private static final List<String> ACTIONS =
      List.of(
          "ExpirationInDays",
          "ExpirationDate",
          "ExpiredObjectDeleteMarker",
          "NoncurrentVersionExpiration",
          "NoncurrentVersionExpirationInDays",
          "NoncurrentVersionTransition",
          "NoncurrentVersionTransitions",
          "Transition",
          "Transitions",
          "AbortIncompleteMultipartUpload");

  static void check(JsonNode properties, String where) {
    String at = where + ".Properties";
    JsonNode rules = properties.at("/BucketEncryption/ServerSideEncryptionConfiguration");
    for (int i = 0; i < rules.size(); i++) {
      AllowedValues.check(
          rules.get(i).at("/ServerSideEncryptionByDefault/SSEAlgorithm"),
          Set.of("AES256", "aws:kms", "aws:kms:dsse"),
          at
              + ".BucketEncryption.ServerSideEncryptionConfiguration["
              + i
              + "]"
              + ".ServerSideEncryptionByDefault.SSEAlgorithm");
    }
    AllowedValues.check(
        properties.at("/VersioningConfiguration/Status"),
        Set.of("Enabled", "Suspended"),
        at + ".VersioningConfiguration.Status");
    JsonNode ownership = properties.at("/OwnershipControls/Rules");
    for (int i = 0; i < ownership.size(); i++) {
      AllowedValues.check(
          ownership.get(i).path("ObjectOwnership"),
          Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"),
          at + ".OwnershipControls.Rules[" + i + "].ObjectOwnership");
    }
    checkLifecycle(properties.at("/LifecycleConfiguration/Rules"), at + ".LifecycleConfiguration");
  }

  private static void checkLifecycle(JsonNode rules, String at) {
    if (rules.size() > MAX_LIFECYCLE_RULES) {
      throw new TemplateException(
          at + ".Rules: " + rules.size() + " rules; S3 takes up to " + MAX_LIFECYCLE_RULES);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String where = at + ".Rules[" + i + "]";
      JsonNode status = rule.get("Status");
      if (status == null) {
        throw new TemplateException(where + ".Status: is required (Enabled or Disabled)");
      }
      AllowedValues.check(status, Set.of("Enabled", "Disabled"), where + ".Status");
      String id = rule.path("Id").asText("");
      if (id.length() > 255 || !id.isEmpty() && !ids.add(id)) {
        throw new TemplateException(
            where + ".Id: '" + id + "' must be at most 255 characters and unique among the rules");
      }
      if (ACTIONS.stream().noneMatch(rule::has)) {
        throw new TemplateException(
            where + ": a rule needs an action (an expiration, a transition or an abort)");
      }
      for (String days :
          List.of(
              "ExpirationInDays",
              "NoncurrentVersionExpirationInDays",
              "NoncurrentVersionExpiration/NoncurrentDays",
              "AbortIncompleteMultipartUpload/DaysAfterInitiation")) {
        JsonNode value = rule.at("/" + days);
        if (!value.isMissingNode() && value.asLong(0) < 1) {
          throw new TemplateException(
              where + "." + days.replace('/', '.') + ": must be a positive number of days");
        }
      }
    }
  }
}
