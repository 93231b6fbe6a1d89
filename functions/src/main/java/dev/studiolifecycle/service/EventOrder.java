package dev.studiolifecycle.service;

import dev.studiolifecycle.error.EventSuperseded;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ProfileNames;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One person, one order: a DynamoDB item per profile ({@code <domainId>/<lower-case name>}) holds
 * the time of the latest request applied to it. A request is admitted with one conditional
 * UpdateItem, atomic against any other request of the person: it becomes the latest when none is
 * recorded or the recorded one is not newer; otherwise it is refused ({@link EventSuperseded}),
 * naming the newer request, and runs nothing. So an HR hire delivered after a later termination
 * never gives access back, however late it arrives.
 *
 * <p>A request's time is the {@code occurredAt} its HR event carries; a request without one (an
 * operator's) counts as issued when its execution started. A time more than {@link
 * #FUTURE_TOLERANCE} after that start is refused: it would hold back every later event of the
 * person until then. Requests of one time are admitted in the order they arrive. A retry of
 * Validate, or a redelivered event, carries the same time and is admitted again.
 */
public final class EventOrder {

  /** How far an event's time may be ahead of the clock that started its execution. */
  public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

  private static final String TIME = "eventTimeMillis";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public EventOrder(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /**
   * Refuses the request at once when a newer request of the profile was admitted before, so that it
   * waits for nothing (a read; {@link #admit} decides).
   *
   * @param startTime when the request's execution started
   * @return whether the record already holds this very request (a redelivery, a rerun, a retry of
   *     Validate), which then needs no {@link #admit}
   * @throws ValidationError when {@code occurredAt} is too far in the future
   * @throws EventSuperseded when a newer request of the profile was admitted before
   */
  public boolean refuseIfSuperseded(LifecycleRequest request, Instant startTime) {
    Instant issued = issuedAt(request, startTime);
    Map<String, AttributeValue> latest =
        dynamoDb
            .getItem(
                GetItemRequest.builder()
                    .tableName(table)
                    .key(key(request))
                    .consistentRead(true)
                    .build())
            .item();
    AttributeValue time = latest == null ? null : latest.get(TIME);
    if (time == null) {
      return false;
    }
    if (request.requestId().equals(text(latest, "requestId"))) {
      // The same request again: it keeps the time it was first admitted with.
      return true;
    }
    if (Long.parseLong(time.n()) > issued.toEpochMilli()) {
      throw superseded(request, issued, latest);
    }
    return false;
  }

  /**
   * Records the request as the profile's latest, or refuses it: the last step of Validate, once the
   * request is known to run.
   *
   * @param startTime when the request's execution started
   * @throws ValidationError when {@code occurredAt} is too far in the future
   * @throws EventSuperseded when a newer request of the profile was admitted before
   */
  public void admit(LifecycleRequest request, String executionName, Instant startTime) {
    Instant issued = issuedAt(request, startTime);
    try {
      dynamoDb.updateItem(
          UpdateItemRequest.builder()
              .tableName(table)
              .key(key(request))
              .updateExpression(
                  "SET #time = :time, #issued = :issued, #request = :request, #action ="
                      + " :action, #execution = :execution")
              .conditionExpression("attribute_not_exists(#time) OR #time <= :time")
              .expressionAttributeNames(
                  Map.of(
                      "#time", TIME,
                      "#issued", "occurredAt",
                      "#request", "requestId",
                      "#action", "action",
                      "#execution", "executionName"))
              .expressionAttributeValues(
                  Map.of(
                      ":time", AttributeValue.fromN(Long.toString(issued.toEpochMilli())),
                      ":issued", AttributeValue.fromS(issued.toString()),
                      ":request", AttributeValue.fromS(request.requestId()),
                      ":action", AttributeValue.fromS(request.action().toString()),
                      ":execution", AttributeValue.fromS(executionName)))
              .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
              .build());
    } catch (ConditionalCheckFailedException e) {
      throw superseded(request, issued, e.hasItem() ? e.item() : Map.of());
    }
  }

  private static Map<String, AttributeValue> key(LifecycleRequest request) {
    return Map.of(
        "profile",
        AttributeValue.fromS(
            request.domainId() + "/" + ProfileNames.folded(request.userProfileName())));
  }

  private static EventSuperseded superseded(
      LifecycleRequest request, Instant issued, Map<String, AttributeValue> newer) {
    return new EventSuperseded(
        "occurredAt: this "
            + request.action()
            + " of "
            + request.userProfileName()
            + " was issued at "
            + issued
            + ", before "
            + text(newer, "action")
            + " "
            + text(newer, "requestId")
            + " (issued at "
            + text(newer, "occurredAt")
            + ") that already applies to the profile in domain "
            + request.domainId()
            + "; the later one stands and this one runs nothing");
  }

  private static Instant issuedAt(LifecycleRequest request, Instant startTime) {
    if (request.occurredAt() == null) {
      return startTime;
    }
    Instant issued = OffsetDateTime.parse(request.occurredAt()).toInstant();
    if (issued.isAfter(startTime.plus(FUTURE_TOLERANCE))) {
      throw new ValidationError(
          "occurredAt: "
              + request.occurredAt()
              + " is more than "
              + FUTURE_TOLERANCE.toMinutes()
              + " minutes after the request's execution started ("
              + startTime
              + "); an event from the future would hold back every later event of the person");
    }
    return issued;
  }

  private static String text(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null || value.s() == null ? "(unknown)" : value.s();
  }
}
