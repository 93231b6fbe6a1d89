package dev.studiolifecycle.local.template;

/** An AWS::DynamoDB::Table of the template: its name and partition key (name and type). */
public record TableResource(String logicalId, String tableName, String keyName, String keyType) {}
