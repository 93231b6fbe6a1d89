package dev.studiolifecycle.local.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.RequestRegion;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.json.ModelShapes;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Amazon DynamoDB (awsJson1_0, {@code X-Amz-Target: DynamoDB_20120810.<Operation>}), as far as the
 * workflow keeps one record per person in it: GetItem and a conditional UpdateItem on tables with a
 * partition key only, which a deployment creates (the template's {@code AWS::DynamoDB::Table}).
 *
 * <p>Rules from the API reference: table names of 3 to 255 characters of {@code a-zA-Z0-9_.-};
 * ResourceNotFoundException for an unknown table; a key that does not match the schema, or updates
 * a key attribute, is a ValidationException; a failed condition is ConditionalCheckFailedException
 * ("The conditional request failed"), carrying the item as it is when the request sets {@code
 * ReturnValuesOnConditionCheckFailure} to {@code ALL_OLD}. Attribute values of type S, N, BOOL and
 * NULL are served; sets, lists, maps, binary, the legacy parameters ({@code AttributeUpdates},
 * {@code Expected}) and projections are refused rather than half served. What the expressions
 * accept is in {@link Expression}.
 */
public final class DynamoDbService extends EmulatedService {

  /** The DynamoDB API model's input shapes of the operations served, held to every request. */
  private static final ModelShapes SHAPES =
      ModelShapes.load(DynamoDbService.class, "model-shapes.json", ModelShapes.MemberRules.NONE);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{3,255}");
  private static final Set<String> SCALAR_TYPES = Set.of("S", "N", "BOOL", "NULL");
  private static final Pattern NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final List<String> LEGACY =
      List.of("AttributeUpdates", "Expected", "ConditionalOperator", "AttributesToGet");

  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  /** A table: its partition key's name and type, and its items by key value. */
  private record Table(String name, String keyName, String keyType, Map<String, ObjectNode> items) {
    String keyOf(JsonNode key) {
      if (key == null || !key.isObject() || key.size() != 1 || !key.has(keyName)) {
        throw Expression.invalid("The provided key element does not match the schema");
      }
      JsonNode value = key.get(keyName);
      if (!value.has(keyType) || value.size() != 1) {
        throw Expression.invalid("The provided key element does not match the schema");
      }
      String text = value.get(keyType).asText();
      if (text.isEmpty()) {
        throw Expression.invalid(
            "One or more parameter values are not valid. The AttributeValue for a key attribute"
                + " cannot contain an empty string value. Key: "
                + keyName);
      }
      return keyType.equals("N") ? new BigDecimal(text).stripTrailingZeros().toPlainString() : text;
    }
  }

  public DynamoDbService() {
    super("dynamodb", new WireProtocol.AwsJson("1.0", "DynamoDB_20120810"));
  }

  @Override
  public List<Operation> operations() {
    return SHAPES.checked(
        List.of(
            Operation.reading("GetItem", this::getItem),
            Operation.mutating("UpdateItem", this::updateItem)));
  }

  /**
   * What a deployment creates: a table with a partition key of type S or N. Deploying the same
   * table again changes nothing; another key schema under the same name is refused.
   */
  public synchronized void seedTable(String name, String keyName, String keyType) {
    checkTableName(name);
    if (!keyType.equals("S") && !keyType.equals("N")) {
      throw Expression.invalid(
          "Table " + name + ": the emulator serves partition keys of type S or N, got " + keyType);
    }
    Table existing = tables.get(name);
    if (existing != null
        && (!existing.keyName().equals(keyName) || !existing.keyType().equals(keyType))) {
      throw AwsServiceError.badRequest(
          "ResourceInUseException", "Table already exists: " + name + " (with another key)");
    }
    if (existing == null) {
      tables.put(name, new Table(name, keyName, keyType, new ConcurrentHashMap<>()));
    }
  }

  /** The table's ARN. */
  public static String arn(String tableName) {
    return RequestRegion.arn("dynamodb", "table/" + tableName);
  }

  /** An item of a table as stored (attribute name to attribute value), for tests and reports. */
  public Optional<JsonNode> item(String tableName, String keyValue) {
    Table table = tables.get(tableName);
    return table == null ? Optional.empty() : Optional.ofNullable(table.items().get(keyValue));
  }

  private ServiceReply getItem(ServiceRequest request) {
    JsonNode in = request.input();
    refuseUnserved(in, "ProjectionExpression", "ExpressionAttributeNames");
    Table table = table(in);
    ObjectNode item = table.items().get(table.keyOf(in.get("Key")));
    ObjectNode out = JSON.objectNode();
    if (item != null) {
      out.set("Item", item.deepCopy());
    }
    return ServiceReply.json(out);
  }

  private ServiceReply updateItem(ServiceRequest request) {
    JsonNode in = request.input();
    refuseUnserved(in);
    String returnValues = returnValues(in);
    String onFailure = returnValuesOnFailure(in);
    Expression.Placeholders placeholders =
        new Expression.Placeholders(names(in), values(in.get("ExpressionAttributeValues")));
    String updateText = in.path("UpdateExpression").asText("");
    if (updateText.isEmpty()) {
      throw Expression.invalid(
          "The emulator needs an UpdateExpression (UpdateItem without one only creates the key)");
    }
    Map<String, JsonNode> assignments = placeholders.set(updateText);
    JsonNode conditionText = in.get("ConditionExpression");
    Expression.Condition condition =
        conditionText == null ? null : placeholders.condition(conditionText.asText());
    placeholders.checkAllUsed();
    Table table = table(in);
    if (assignments.containsKey(table.keyName())) {
      throw Expression.invalid(
          "One or more parameter values were invalid: Cannot update attribute "
              + table.keyName()
              + ". This attribute is part of the key");
    }
    String key = table.keyOf(in.get("Key"));
    synchronized (table) {
      ObjectNode old = table.items().get(key);
      if (condition != null && !condition.test(attributes(old))) {
        AwsServiceError failed =
            AwsServiceError.badRequest(
                "ConditionalCheckFailedException", "The conditional request failed");
        throw old != null && onFailure.equals("ALL_OLD")
            ? failed.withMember("Item", old.deepCopy())
            : failed;
      }
      ObjectNode updated = old == null ? JSON.objectNode() : old.deepCopy();
      if (old == null) {
        updated.set(table.keyName(), in.get("Key").get(table.keyName()).deepCopy());
      }
      assignments.forEach((name, value) -> updated.set(name, value.deepCopy()));
      table.items().put(key, updated);
      ObjectNode out = JSON.objectNode();
      if (returnValues.equals("ALL_NEW")) {
        out.set("Attributes", updated.deepCopy());
      } else if (returnValues.equals("ALL_OLD") && old != null) {
        out.set("Attributes", old.deepCopy());
      }
      return ServiceReply.json(out);
    }
  }

  private static String returnValues(JsonNode in) {
    String returnValues = in.path("ReturnValues").asText("NONE");
    if (!List.of("NONE", "ALL_OLD", "ALL_NEW").contains(returnValues)) {
      throw Expression.invalid(
          "ReturnValues " + returnValues + ": the emulator serves NONE, ALL_OLD and ALL_NEW");
    }
    return returnValues;
  }

  private static String returnValuesOnFailure(JsonNode in) {
    String onFailure = in.path("ReturnValuesOnConditionCheckFailure").asText("NONE");
    if (!List.of("NONE", "ALL_OLD").contains(onFailure)) {
      throw Expression.invalid(
          "1 validation error detected: Value '"
              + onFailure
              + "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member"
              + " must satisfy enum value set: [ALL_OLD, NONE]");
    }
    return onFailure;
  }

  private Table table(JsonNode in) {
    String name = in.path("TableName").asText(null);
    if (name == null) {
      throw Expression.invalid(
          "1 validation error detected: Value null at 'tableName' failed to satisfy constraint:"
              + " Member must not be null");
    }
    checkTableName(name);
    Table table = tables.get(name);
    if (table == null) {
      throw AwsServiceError.badRequest(
          "ResourceNotFoundException", "Requested resource not found: Table: " + name);
    }
    return table;
  }

  private static void checkTableName(String name) {
    if (!TABLE_NAME.matcher(name).matches()) {
      throw Expression.invalid(
          "1 validation error detected: Value '"
              + name
              + "' at 'tableName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [a-zA-Z0-9_.-]+ and have length between 3 and 255");
    }
  }

  private static void refuseUnserved(JsonNode in, String... more) {
    for (String member : LEGACY) {
      if (in.has(member)) {
        throw Expression.invalid(member + " (a legacy parameter) is not served by the emulator");
      }
    }
    for (String member : more) {
      if (in.has(member)) {
        throw Expression.invalid(member + " is not served by the emulator for this operation");
      }
    }
  }

  private static Map<String, String> names(JsonNode in) {
    Map<String, String> names = new HashMap<>();
    JsonNode node = in.get("ExpressionAttributeNames");
    if (node != null) {
      node.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
    }
    return names;
  }

  private static Map<String, JsonNode> values(JsonNode node) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      values.put(entry.getKey(), checkedValue(entry.getKey(), entry.getValue()));
    }
    return values;
  }

  /** One attribute value: exactly one served type, a number that parses. */
  private static JsonNode checkedValue(String where, JsonNode value) {
    if (!value.isObject() || value.size() != 1) {
      throw Expression.invalid(
          "ExpressionAttributeValues contains invalid value: Supplied AttributeValue has more than"
              + " one datatypes set, must contain exactly one of the supported datatypes for key "
              + where);
    }
    String type = value.fieldNames().next();
    if (!SCALAR_TYPES.contains(type)) {
      throw Expression.invalid(
          "ExpressionAttributeValues: "
              + where
              + " is of type "
              + type
              + "; the emulator serves S, N, BOOL and NULL");
    }
    if (type.equals("N") && !NUMBER.matcher(value.get("N").asText()).matches()) {
      throw Expression.invalid(
          "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to"
              + " a numeric value: "
              + value.get("N").asText()
              + " for key "
              + where);
    }
    return value;
  }

  private static Map<String, JsonNode> attributes(ObjectNode item) {
    if (item == null) {
      return null;
    }
    Map<String, JsonNode> attributes = new HashMap<>();
    item.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue()));
    return attributes;
  }
}
