package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The rules of a Map state: its ItemProcessor (or the older Iterator), ItemsPath, ItemSelector (or
 * Parameters) and MaxConcurrency (or its path); in DISTRIBUTED mode also ItemReader, ItemBatcher,
 * ResultWriter, the tolerated failures and Label ({@link DistributedMapRules}).
 */
record MapRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(
        WITH_RESULT_AND_ERRORS,
        Set.of(
            "ItemsPath",
            "ItemSelector",
            "Parameters",
            "ItemProcessor",
            "Iterator",
            "MaxConcurrency",
            "MaxConcurrencyPath"),
        DistributedMapRules.DISTRIBUTED_ONLY);
  }

  @Override
  public MapState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    StatesBlock processor = processor(name, node, fields);
    if (node.has("ItemSelector") && node.has("Parameters")) {
      fields.problem(
          at(name, "Parameters")
              + ": a Map state has ItemSelector or the older "
              + "Parameters, not both");
    }
    JsonNode itemSelector =
        fields.jsonata(node)
            ? fields.jsonataTemplate(name, node, "ItemSelector", "ItemSelector")
            : node.has("ItemSelector")
                ? fields.template(name, node, "ItemSelector")
                : fields.template(name, node, "Parameters");
    String itemsPath = "$";
    if (node.has("ItemsPath")) {
      String path = fields.definitePath(name, node, "ItemsPath");
      itemsPath = path == null ? "$" : path;
    }
    NumberSetting concurrency =
        fields.numberSetting(name, node, "Map", "MaxConcurrency", 0, Integer.MAX_VALUE);
    DistributedMap distributed = null;
    if (distributedMode(node) && fields.jsonata(node)) {
      fields.problem(
          at(name, "ItemProcessor.ProcessorConfig.Mode")
              + ": a Distributed Map in a JSONata state is not supported by the local "
              + "interpreter; use JSONPath for this state");
    } else if (distributedMode(node)) {
      distributed = DistributedMapRules.read(name, node, fields, processor);
    } else {
      DistributedMapRules.refuseInline(name, node, fields);
    }
    return new MapState(
        name,
        fields.inputPath(name, node),
        itemsPath,
        itemSelector,
        concurrency,
        processor,
        fields.handling(name, node, links),
        fields.transition(name, node, links),
        distributed,
        fields.jsonataFields(name, node));
  }

  /** Whether ItemProcessor.ProcessorConfig.Mode is DISTRIBUTED. */
  static boolean distributedMode(JsonNode node) {
    return node.path("ItemProcessor")
        .path("ProcessorConfig")
        .path("Mode")
        .asText("")
        .equals("DISTRIBUTED");
  }

  /** The ItemProcessor, or the older Iterator; null after recording a problem. */
  private static StatesBlock processor(String name, JsonNode node, DefinitionFields fields) {
    boolean hasProcessor = node.has("ItemProcessor");
    boolean hasIterator = node.has("Iterator");
    if (hasProcessor && hasIterator) {
      fields.problem(
          at(name, "Iterator")
              + ": a Map state has ItemProcessor or the older "
              + "Iterator, not both");
      return null;
    }
    if (!hasProcessor && !hasIterator) {
      fields.problem(at(name, "ItemProcessor") + ": is required in a Map state");
      return null;
    }
    String field = hasProcessor ? "ItemProcessor" : "Iterator";
    JsonNode block = node.get(field);
    if (!block.isObject()) {
      fields.problem(
          at(name, field) + ": must be an object with StartAt and States, got " + kind(block));
      return null;
    }
    Set<String> allowed =
        hasProcessor
            ? Set.of("StartAt", "States", "Comment", "ProcessorConfig")
            : Set.of("StartAt", "States", "Comment");
    fields.checkBlockFields(name, field + ".", block, allowed);
    if (hasProcessor) {
      checkProcessorConfig(name, block.get("ProcessorConfig"), fields);
    }
    return fields.block(block, name, field + ".");
  }

  private static void checkProcessorConfig(String name, JsonNode config, DefinitionFields fields) {
    if (config == null) {
      return;
    }
    String field = "ItemProcessor.ProcessorConfig";
    if (!config.isObject()) {
      fields.problem(at(name, field) + ": must be an object, got " + kind(config));
      return;
    }
    for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("Mode") && !key.equals("ExecutionType")) {
        fields.problem(at(name, field + "." + key) + ": unknown field");
      }
    }
    JsonNode mode = config.get("Mode");
    JsonNode executionType = config.get("ExecutionType");
    boolean distributed = mode != null && mode.isTextual() && mode.asText().equals("DISTRIBUTED");
    if (mode != null && !distributed && !(mode.isTextual() && mode.asText().equals("INLINE"))) {
      fields.problem(at(name, field + ".Mode") + ": must be INLINE or DISTRIBUTED, got " + mode);
    }
    if (!distributed) {
      if (executionType != null) {
        fields.problem(
            at(name, field + ".ExecutionType") + ": only a DISTRIBUTED Map has child workflows");
      }
      return;
    }
    // ProcessorConfig: ExecutionType is required in DISTRIBUTED mode, STANDARD or EXPRESS.
    if (executionType == null) {
      fields.problem(at(name, field + ".ExecutionType") + ": is required in DISTRIBUTED mode");
    } else if (executionType.isTextual() && executionType.asText().equals("EXPRESS")) {
      fields.problem(
          at(name, field + ".ExecutionType")
              + ": EXPRESS child workflows are not supported by the local interpreter; use"
              + " STANDARD");
    } else if (!executionType.isTextual() || !executionType.asText().equals("STANDARD")) {
      fields.problem(
          at(name, field + ".ExecutionType")
              + ": must be STANDARD or EXPRESS, got "
              + executionType);
    }
  }
}
