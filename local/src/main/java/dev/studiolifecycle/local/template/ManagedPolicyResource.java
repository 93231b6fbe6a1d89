package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An AWS::IAM::ManagedPolicy of the template (such as the permissions boundary of the roles the
 * workflow creates), with its document resolved, so the local runtime can create it.
 */
public record ManagedPolicyResource(
    String logicalId, String policyName, String path, String arn, JsonNode policyDocument) {}
