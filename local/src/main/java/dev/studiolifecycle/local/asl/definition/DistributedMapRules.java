package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The fields a Distributed Map adds (developer guide, "Map state in Distributed mode": ItemReader,
 * ItemBatcher, ResultWriter, ToleratedFailurePercentage/Count and Label), checked as the guide
 * gives them. What the local interpreter cannot run is refused by name: readers other than
 * s3:getObject of JSON, JSONL or CSV, and ResultWriter's WriterConfig.
 */
final class DistributedMapRules {

  static final Set<String> DISTRIBUTED_ONLY =
      Set.of(
          "ItemReader",
          "ItemBatcher",
          "ResultWriter",
          "ToleratedFailurePercentage",
          "ToleratedFailurePercentagePath",
          "ToleratedFailureCount",
          "ToleratedFailureCountPath",
          "Label");

  private static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
  private static final String PUT_OBJECT = "arn:aws:states:::s3:putObject";

  private DistributedMapRules() {}

  /** An inline Map may not have the fields of a distributed one. */
  static void refuseInline(String name, JsonNode node, DefinitionFields fields) {
    for (String field : DISTRIBUTED_ONLY) {
      if (node.has(field)) {
        fields.problem(
            at(name, field)
                + ": only a Distributed Map has it (ItemProcessor.ProcessorConfig.Mode"
                + " DISTRIBUTED)");
      }
    }
  }

  /** The distributed settings; null when a problem was recorded that leaves none to read. */
  static DistributedMap read(
      String name, JsonNode node, DefinitionFields fields, StatesBlock processor) {
    if (node.has("ItemReader") && node.has("ItemsPath")) {
      fields.problem(
          at(name, "ItemsPath")
              + ": a Distributed Map reads its items with ItemReader or"
              + " ItemsPath, not both");
    }
    DistributedMap.ItemReader reader = reader(name, node.get("ItemReader"), fields);
    DistributedMap.ItemBatcher batcher = batcher(name, node.get("ItemBatcher"), fields);
    DistributedMap.ResultWriter writer = writer(name, node.get("ResultWriter"), fields);
    DistributedMap.FailureTolerance tolerance = tolerance(name, node, fields);
    String label = fields.optionalString(node, "Label", name, "Label");
    // A Label: at most 40 characters, none of those a state machine name may not have.
    if (label != null && !StatesNames.isName(label, StatesNames.MAX_LABEL)) {
      fields.problem(
          at(name, "Label")
              + ": must be 1 to 40 characters with no white space, brackets, wildcards, control"
              + " characters, surrogates or any of \" # % \\ ^ | ~ ` $ & , ; : /");
    }
    if (processor == null) {
      return null;
    }
    ObjectNode processorJson = node.get("ItemProcessor").deepCopy();
    processorJson.remove("ProcessorConfig");
    StateMachineDefinition definition =
        new StateMachineDefinition(
            processorJson, processorJson.path("Comment").asText(null), processor, 0);
    return new DistributedMap(definition, reader, batcher, writer, tolerance, label);
  }

  private static DistributedMap.ItemReader reader(
      String name, JsonNode reader, DefinitionFields fields) {
    if (reader == null) {
      return null;
    }
    String field = "ItemReader";
    if (!isObject(name, field, reader, fields)) {
      return null;
    }
    checkKeys(name, field, reader, Set.of("Resource", "ReaderConfig", "Parameters"), fields);
    resource(name, field, reader, GET_OBJECT, fields);
    JsonNode parameters = fields.template(name, reader, "Parameters");
    requireMembers(name, field + ".Parameters", parameters, List.of("Bucket", "Key"), fields);
    JsonNode config = reader.get("ReaderConfig");
    if (config == null || !config.isObject()) {
      fields.problem(
          at(name, field + ".ReaderConfig") + ": s3:getObject needs an object with" + " InputType");
      return null;
    }
    checkKeys(
        name,
        field + ".ReaderConfig",
        config,
        Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "MaxItems", "MaxItemsPath"),
        fields);
    String inputType = config.path("InputType").asText("");
    if (!Set.of("JSON", "JSONL", "CSV").contains(inputType)) {
      fields.problem(
          at(name, field + ".ReaderConfig.InputType")
              + ": the local interpreter reads JSON, JSONL and CSV, got "
              + kind(config.get("InputType")));
    }
    List<String> headers = csvHeaders(name, field + ".ReaderConfig", config, inputType, fields);
    DistributedMap.Bound maxItems =
        bound(name, field + ".ReaderConfig", config, "MaxItems", 1, 100_000_000, fields);
    return new DistributedMap.ItemReader(parameters, inputType, headers, maxItems);
  }

  private static List<String> csvHeaders(
      String name, String field, JsonNode config, String inputType, DefinitionFields fields) {
    JsonNode location = config.get("CSVHeaderLocation");
    boolean given = location != null && location.asText("").equals("GIVEN");
    if (location != null && !given && !location.asText("").equals("FIRST_ROW")) {
      fields.problem(
          at(name, field + ".CSVHeaderLocation") + ": must be FIRST_ROW or GIVEN, got " + location);
    }
    if ((location != null || config.has("CSVHeaders")) && !inputType.equals("CSV")) {
      fields.problem(at(name, field + ".CSVHeaderLocation") + ": only a CSV reader has headers");
    }
    if (!given) {
      if (config.has("CSVHeaders")) {
        fields.problem(at(name, field + ".CSVHeaders") + ": only with CSVHeaderLocation GIVEN");
      }
      return null;
    }
    JsonNode headers = config.get("CSVHeaders");
    List<String> names = new ArrayList<>();
    if (headers == null || !headers.isArray() || headers.isEmpty()) {
      fields.problem(
          at(name, field + ".CSVHeaders") + ": CSVHeaderLocation GIVEN needs a non-empty array");
      return List.of();
    }
    headers.forEach(header -> names.add(header.asText()));
    return List.copyOf(names);
  }

  private static DistributedMap.ItemBatcher batcher(
      String name, JsonNode batcher, DefinitionFields fields) {
    if (batcher == null) {
      return null;
    }
    String field = "ItemBatcher";
    if (!isObject(name, field, batcher, fields)) {
      return null;
    }
    checkKeys(
        name,
        field,
        batcher,
        Set.of(
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
            "BatchInput"),
        fields);
    DistributedMap.Bound items =
        bound(name, field, batcher, "MaxItemsPerBatch", 1, Integer.MAX_VALUE, fields);
    // A child's input is at most 256 KiB, so a batch is too.
    DistributedMap.Bound bytes =
        bound(name, field, batcher, "MaxInputBytesPerBatch", 1, 262_144, fields);
    if (!items.isSet() && !bytes.isSet()) {
      fields.problem(
          at(name, field)
              + ": needs MaxItemsPerBatch, MaxInputBytesPerBatch or one of their paths");
    }
    JsonNode batchInput = fields.template(name, batcher, "BatchInput");
    return new DistributedMap.ItemBatcher(items, bytes, batchInput);
  }

  private static DistributedMap.ResultWriter writer(
      String name, JsonNode writer, DefinitionFields fields) {
    if (writer == null) {
      return null;
    }
    String field = "ResultWriter";
    if (!isObject(name, field, writer, fields)) {
      return null;
    }
    if (writer.has("WriterConfig")) {
      fields.problem(
          at(name, field + ".WriterConfig")
              + ": output transformations are not supported by the local interpreter");
    }
    checkKeys(name, field, writer, Set.of("Resource", "Parameters", "WriterConfig"), fields);
    resource(name, field, writer, PUT_OBJECT, fields);
    JsonNode parameters = fields.template(name, writer, "Parameters");
    requireMembers(name, field + ".Parameters", parameters, List.of("Bucket", "Prefix"), fields);
    return new DistributedMap.ResultWriter(parameters);
  }

  private static DistributedMap.FailureTolerance tolerance(
      String name, JsonNode node, DefinitionFields fields) {
    double percentage = -1;
    String percentagePath = null;
    if (node.has("ToleratedFailurePercentage") && node.has("ToleratedFailurePercentagePath")) {
      fields.problem(
          at(name, "ToleratedFailurePercentagePath")
              + ": a Map state has ToleratedFailurePercentage or its path, not both");
    } else if (node.has("ToleratedFailurePercentage")) {
      JsonNode value = node.get("ToleratedFailurePercentage");
      if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
        fields.problem(
            at(name, "ToleratedFailurePercentage")
                + ": must be a number from 0 to 100, got "
                + kind(value));
      } else {
        percentage = value.asDouble();
      }
    } else if (node.has("ToleratedFailurePercentagePath")) {
      percentagePath = fields.definitePath(name, node, "ToleratedFailurePercentagePath");
    }
    DistributedMap.Bound count =
        bound(name, null, node, "ToleratedFailureCount", 0, Integer.MAX_VALUE, fields);
    return new DistributedMap.FailureTolerance(percentage, percentagePath, count);
  }

  /** {@code field} fixed, or {@code field + "Path"}; not both. */
  private static DistributedMap.Bound bound(
      String name,
      String parent,
      JsonNode node,
      String field,
      long min,
      long max,
      DefinitionFields fields) {
    String label = parent == null ? field : parent + "." + field;
    String pathField = field + "Path";
    if (node.has(field) && node.has(pathField)) {
      fields.problem(at(name, label + "Path") + ": give " + field + " or its path, not both");
      return DistributedMap.Bound.NONE;
    }
    if (node.has(field)) {
      long value = fields.optionalLong(node, field, name, label, min, max);
      return value < 0 ? DistributedMap.Bound.NONE : new DistributedMap.Bound(value, null);
    }
    if (node.has(pathField)) {
      JsonNode path = node.get(pathField);
      if (!path.isTextual() || !fields.checkPath(name, label + "Path", path.asText())) {
        if (!path.isTextual()) {
          fields.problem(at(name, label + "Path") + ": must be a path string, got " + kind(path));
        }
        return DistributedMap.Bound.NONE;
      }
      return new DistributedMap.Bound(-1, path.asText());
    }
    return DistributedMap.Bound.NONE;
  }

  private static boolean isObject(
      String name, String field, JsonNode value, DefinitionFields fields) {
    if (!value.isObject()) {
      fields.problem(at(name, field) + ": must be an object, got " + kind(value));
      return false;
    }
    return true;
  }

  private static void resource(
      String name, String field, JsonNode node, String expected, DefinitionFields fields) {
    String resource = node.path("Resource").asText(null);
    if (!expected.equals(resource)) {
      fields.problem(
          at(name, field + ".Resource")
              + ": the local interpreter runs "
              + expected
              + " here, got "
              + kind(node.get("Resource")));
    }
  }

  private static void requireMembers(
      String name, String field, JsonNode template, List<String> members, DefinitionFields fields) {
    for (String member : members) {
      if (!template.has(member) && !template.has(member + ".$")) {
        fields.problem(at(name, field + "." + member) + ": is required");
      }
    }
  }

  private static void checkKeys(
      String name, String field, JsonNode node, Set<String> allowed, DefinitionFields fields) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        fields.problem(at(name, field + "." + key) + ": unknown field");
      }
    }
  }
}
