package dev.studiolifecycle.local.template;

/** An AWS::SNS::Topic of the template. */
public record TopicResource(String logicalId, String topicName, String arn) {}
