package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.DistributedMap;
import dev.studiolifecycle.local.asl.definition.MapState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Map state in Distributed mode (developer guide, "Using Map state in Distributed mode"): its
 * items, read by ItemReader or taken from ItemsPath, go through ItemSelector and ItemBatcher, and
 * each input runs as a child workflow execution of the ItemProcessor in a Map Run, at most
 * MaxConcurrency at once. Failed children beyond the tolerated count or percentage fail the Map Run
 * with States.ExceedToleratedFailureThreshold and stop the children still running; the results go
 * to the state's output or, with ResultWriter, to S3 ({@link MapRunResults}).
 */
record DistributedMapRunner(ExecutionRun run, MapState map) implements StateRunner {

  /** MaxConcurrency 0 means "as many as possible": up to 10,000 child executions at once. */
  static final int MAX_CONCURRENCY = 10_000;

  static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";

  /** What a Map Run is given when the state starts. */
  record Plan(
      List<JsonNode> inputs,
      List<Integer> itemsPerInput,
      int maxConcurrency,
      double percentage,
      long count,
      MapRunResults.Destination destination) {}

  @Override
  public void attempt(Visit visit) {
    int redrives = run.execution().redriveCount();
    java.util.Optional<MapRun> previous =
        redrives == 0
            ? java.util.Optional.empty()
            : run.engine().mapRuns().stream()
                .filter(
                    mapRun ->
                        mapRun.executionArn().equals(run.execution().executionArn())
                            && mapRun.stateName().equals(map.name())
                            && mapRun.redrivenBy(redrives))
                .reduce((first, second) -> second);
    if (previous.isPresent()) {
      DistributedMapRun.redrive(run, map, visit, previous.get()).launch();
      return;
    }
    Plan plan;
    try {
      plan = plan(visit);
    } catch (StatesError e) {
      run.fail(visit, e);
      return;
    }
    Optional<String> denial =
        run.engine()
            .mapRunServices()
            .mapRunDenial(run.execution().executionArn(), run.execution().stateMachine().arn());
    if (denial.isPresent()) {
      run.fail(visit, new StatesError(StatesError.RUNTIME, denial.get()));
      return;
    }
    DistributedMapRun.start(run, map, visit, plan).launch();
  }

  private Plan plan(Visit visit) {
    DistributedMap settings = map.distributed();
    JsonNode context = run.context(visit);
    JsonNode effective =
        PathValues.select(map.inputPath(), visit.input, context, visit, "InputPath");
    List<JsonNode> items = items(settings, effective, context, visit);
    List<JsonNode> selected = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      selected.add(MapRunner.select(run, visit, map, items.get(index), index, effective, context));
    }
    List<JsonNode> inputs = new ArrayList<>();
    List<Integer> itemsPerInput = new ArrayList<>();
    if (settings.batcher() == null) {
      inputs.addAll(selected);
      selected.forEach(item -> itemsPerInput.add(1));
    } else {
      batch(settings.batcher(), selected, effective, context, visit, inputs, itemsPerInput);
    }
    int maxConcurrency = maxConcurrency(effective, context, visit);
    DistributedMap.FailureTolerance tolerance = settings.tolerance();
    double percentage = tolerance.percentage();
    if (tolerance.percentagePath() != null) {
      percentage =
          PathValues.read(
                  tolerance.percentagePath(),
                  effective,
                  context,
                  visit,
                  "ToleratedFailurePercentagePath",
                  value -> value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 100,
                  "a number from 0 to 100")
              .asDouble();
    }
    long count = bound(tolerance.count(), effective, context, visit, "ToleratedFailureCountPath");
    MapRunResults.Destination destination =
        settings.writer() == null
            ? null
            : MapRunResults.destination(
                run.engine()
                    .templates()
                    .evaluate(
                        settings.writer().parameters(),
                        PathValues.paths(visit, effective, context)));
    return new Plan(inputs, itemsPerInput, maxConcurrency, percentage, count, destination);
  }

  private List<JsonNode> items(
      DistributedMap settings, JsonNode effective, JsonNode context, Visit visit) {
    DistributedMap.ItemReader reader = settings.reader();
    if (reader == null) {
      List<JsonNode> list = new ArrayList<>();
      MapRunner.items(run, map, effective, context, visit).forEach(list::add);
      return list;
    }
    JsonNode parameters =
        run.engine()
            .templates()
            .evaluate(reader.parameters(), PathValues.paths(visit, effective, context));
    String bucket = parameters.path("Bucket").asText(null);
    String key = parameters.path("Key").asText(null);
    if (bucket == null || key == null) {
      throw ItemFiles.failed("ItemReader.Parameters must give Bucket and Key as strings");
    }
    long maxItems = bound(reader.maxItems(), effective, context, visit, "MaxItemsPath");
    byte[] bytes;
    try {
      bytes = run.engine().mapRunServices().getObject(run.execution().executionArn(), bucket, key);
    } catch (MapRunServices.Failure e) {
      throw ItemFiles.failed(e.getMessage());
    }
    return ItemFiles.items(bytes, reader.inputType(), reader.csvHeaders(), maxItems);
  }

  /**
   * ItemBatcher: each child gets {@code {"Items": [...], "BatchInput": ...}} with at most
   * MaxItemsPerBatch items and at most MaxInputBytesPerBatch bytes of input.
   */
  private void batch(
      DistributedMap.ItemBatcher batcher,
      List<JsonNode> items,
      JsonNode effective,
      JsonNode context,
      Visit visit,
      List<JsonNode> inputs,
      List<Integer> itemsPerInput) {
    long maxItems = bound(batcher.maxItems(), effective, context, visit, "MaxItemsPerBatchPath");
    long maxBytes =
        bound(batcher.maxBytes(), effective, context, visit, "MaxInputBytesPerBatchPath");
    JsonNode batchInput =
        batcher.batchInput().isMissingNode()
            ? null
            : run.engine()
                .templates()
                .evaluate(batcher.batchInput(), PathValues.paths(visit, effective, context));
    ObjectNode current = null;
    for (JsonNode item : items) {
      if (current != null) {
        ArrayNode batch = (ArrayNode) current.get("Items");
        boolean full = maxItems > 0 && batch.size() >= maxItems;
        batch.add(item);
        boolean tooLarge = maxBytes > 0 && size(current) > maxBytes;
        batch.remove(batch.size() - 1);
        if (!full && !tooLarge) {
          batch.add(item);
          continue;
        }
        inputs.add(current);
        itemsPerInput.add(batch.size());
      }
      current = JsonNodeFactory.instance.objectNode();
      current.putArray("Items").add(item);
      if (batchInput != null) {
        current.set("BatchInput", batchInput);
      }
      if (maxBytes > 0 && size(current) > maxBytes) {
        throw new StatesError(
            StatesError.RUNTIME,
            "An item of state '"
                + map.name()
                + "' is larger than MaxInputBytesPerBatch ("
                + maxBytes
                + " bytes) on its own");
      }
    }
    if (current != null) {
      inputs.add(current);
      itemsPerInput.add(current.get("Items").size());
    }
  }

  private static long size(JsonNode node) {
    return ExecutionRun.json(node).getBytes(StandardCharsets.UTF_8).length;
  }

  private int maxConcurrency(JsonNode effective, JsonNode context, Visit visit) {
    int max = new MapRunner(run, map).maxConcurrency(effective, context, visit);
    return max == 0 ? MAX_CONCURRENCY : Math.min(max, MAX_CONCURRENCY);
  }

  /** A bound fixed in the definition, read by its path, or -1 when not set. */
  private long bound(
      DistributedMap.Bound bound, JsonNode effective, JsonNode context, Visit visit, String field) {
    if (bound.path() == null) {
      return bound.fixed();
    }
    return PathValues.read(
            bound.path(),
            effective,
            context,
            visit,
            field,
            value -> value.isIntegralNumber() && value.asLong() >= 0,
            "a non-negative integer")
        .asLong();
  }
}
