package dev.studiolifecycle.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Mocked clients shared by unit tests. */
public final class Mocks {

  private Mocks() {}

  /**
   * A DynamoDB client whose event-order table holds no record and admits every request: for unit
   * tests of Validate that are not about the order (the local module proves the order itself
   * against the emulator).
   */
  public static DynamoDbClient acceptingDynamoDb() {
    DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());
    when(dynamoDb.updateItem(any(UpdateItemRequest.class)))
        .thenReturn(UpdateItemResponse.builder().build());
    return dynamoDb;
  }
}
