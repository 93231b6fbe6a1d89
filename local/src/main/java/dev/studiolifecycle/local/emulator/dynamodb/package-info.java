/** DynamoDB: GetItem and conditional UpdateItem on tables with a partition key. */
package dev.studiolifecycle.local.emulator.dynamodb;
