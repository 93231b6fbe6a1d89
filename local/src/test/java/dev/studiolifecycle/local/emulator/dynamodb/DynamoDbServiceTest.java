package dev.studiolifecycle.local.emulator.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** DynamoDB over the real SDK: a conditional UpdateItem keeps the newest of a person's events. */
class DynamoDbServiceTest {

  private static final String TABLE = "event-order";
  private static final Map<String, AttributeValue> KEY = Map.of("profile", s("d-abc/jane-doe"));

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final DynamoDbClient dynamoDb = aws.clients().dynamoDb;

  @BeforeEach
  void seed() {
    emulator.dynamoDb().seedTable(TABLE, "profile", "S");
  }

  @Test
  void aNewerEventReplacesTheRecordAndAnOlderOneFailsItsConditionShowingTheRecord() {
    assertThat(record(1000, "hire").attributes())
        .containsEntry("requestId", s("hire"))
        .containsEntry("eventTime", n(1000))
        .containsEntry("profile", s("d-abc/jane-doe"));
    record(2000, "termination");

    assertThatThrownBy(() -> record(1500, "late-hire"))
        .isInstanceOfSatisfying(
            ConditionalCheckFailedException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The conditional request failed");
              assertThat(e.item())
                  .as("ReturnValuesOnConditionCheckFailure ALL_OLD returns the item")
                  .containsEntry("requestId", s("termination"))
                  .containsEntry("eventTime", n(2000));
            });
    assertThat(dynamoDb.getItem(r -> r.tableName(TABLE).key(KEY)).item())
        .containsEntry("requestId", s("termination"));
  }

  @Test
  void numbersCompareAsNumbersNotAsText() {
    record(9, "nine");

    assertThat(record(10, "ten").attributes()).containsEntry("requestId", s("ten"));
  }

  @Test
  void withoutAllOldTheFailedConditionCarriesNoItem() {
    record(2000, "termination");

    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    update(1000, "late").toBuilder()
                        .returnValuesOnConditionCheckFailure((String) null)
                        .build()))
        .isInstanceOfSatisfying(
            ConditionalCheckFailedException.class, e -> assertThat(e.hasItem()).isFalse());
  }

  @Test
  void aMissingItemIsAnEmptyAnswer() {
    assertThat(dynamoDb.getItem(r -> r.tableName(TABLE).key(KEY)).hasItem()).isFalse();
  }

  @Test
  void placeholdersMustBeDefinedAndUsedAndAttributesNamedByPlaceholder() {
    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    update(1, "x").toBuilder()
                        .expressionAttributeValues(
                            Map.of(":t", n(1), ":id", s("x"), ":spare", s("y")))
                        .build()))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:spare}");
    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    update(1, "x").toBuilder()
                        .expressionAttributeValues(Map.of(":t", n(1)))
                        .build()))
        .hasMessageContaining("An expression attribute value used in expression is not defined");
    assertThat(
            catchThrowable(
                () ->
                    dynamoDb.updateItem(
                        update(1, "x").toBuilder()
                            .expressionAttributeNames(Map.of("#t", "eventTime"))
                            .build())))
        .hasMessageContaining(
            "An expression attribute name used in the document path is not defined; attribute"
                + " name: #id");
    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    r ->
                        r.tableName(TABLE)
                            .key(KEY)
                            .updateExpression("SET requestId = :id")
                            .expressionAttributeValues(Map.of(":id", s("x")))))
        .hasMessageContaining("ExpressionAttributeNames placeholder");
    assertThat(dynamoDb.getItem(r -> r.tableName(TABLE).key(KEY)).hasItem())
        .as("a refused update changes nothing")
        .isFalse();
  }

  @Test
  void theKeyMustMatchTheSchemaAndCannotBeUpdated() {
    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    update(1, "x").toBuilder().key(Map.of("person", s("jane"))).build()))
        .hasMessageContaining("The provided key element does not match the schema");
    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    r ->
                        r.tableName(TABLE)
                            .key(KEY)
                            .updateExpression("SET #p = :p")
                            .expressionAttributeNames(Map.of("#p", "profile"))
                            .expressionAttributeValues(Map.of(":p", s("other")))))
        .hasMessageContaining("Cannot update attribute profile. This attribute is part of the key");
  }

  @Test
  void anUnknownTableIsNotFound() {
    assertThatThrownBy(
            () -> dynamoDb.updateItem(update(1, "x").toBuilder().tableName("no-such").build()))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void unservedExpressionsAreRefusedNotGuessed() {
    assertThatThrownBy(
            () ->
                dynamoDb.updateItem(
                    update(1, "x").toBuilder().conditionExpression("begins_with(#t, :t)").build()))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("the emulator serves");
  }

  private software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse record(
      long time, String requestId) {
    return dynamoDb.updateItem(update(time, requestId));
  }

  private static UpdateItemRequest update(long time, String requestId) {
    return UpdateItemRequest.builder()
        .tableName(TABLE)
        .key(KEY)
        .updateExpression("SET #t = :t, #id = :id")
        .conditionExpression("attribute_not_exists(#t) OR #t <= :t")
        .expressionAttributeNames(Map.of("#t", "eventTime", "#id", "requestId"))
        .expressionAttributeValues(Map.of(":t", n(time), ":id", s(requestId)))
        .returnValues(ReturnValue.ALL_NEW)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
