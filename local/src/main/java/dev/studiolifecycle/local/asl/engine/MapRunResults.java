package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A Map Run's results as ResultWriter writes them (developer guide, "ResultWriter (Map)"): under
 * {@code <Prefix>/<Map Run id>/}, a {@code SUCCEEDED_0.json}, {@code FAILED_0.json} and {@code
 * PENDING_0.json} for the groups that have children, each an array of the children's descriptions
 * (Input and Output as JSON text), and a {@code manifest.json} that lists them; the state's result
 * is then the Map Run's ARN and where its manifest is.
 */
final class MapRunResults {

  static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Where the results go: ResultWriter's Bucket and Prefix, evaluated. */
  record Destination(String bucket, String prefix) {}

  private MapRunResults() {}

  static Destination destination(JsonNode parameters) {
    String bucket = parameters.path("Bucket").asText(null);
    String prefix = parameters.path("Prefix").asText(null);
    if (bucket == null || prefix == null) {
      throw new StatesError(
          StatesError.RUNTIME, "ResultWriter.Parameters must give Bucket and Prefix as strings");
    }
    return new Destination(bucket, prefix);
  }

  /**
   * Writes the results; returns the state's result.
   *
   * @param pending the inputs no child was started for
   */
  static JsonNode write(
      MapRunServices services,
      String executionArn,
      Destination destination,
      MapRun mapRun,
      List<JsonNode> pending) {
    String runId = mapRun.mapRunArn().substring(mapRun.mapRunArn().lastIndexOf(':') + 1);
    String base =
        (destination.prefix().isEmpty() || destination.prefix().endsWith("/")
                ? destination.prefix()
                : destination.prefix() + "/")
            + runId
            + "/";
    ArrayNode succeeded = JSON.arrayNode();
    ArrayNode failed = JSON.arrayNode();
    for (Execution child : mapRun.children()) {
      (child.status() == ExecutionStatus.SUCCEEDED ? succeeded : failed).add(describe(child));
    }
    ArrayNode waiting = JSON.arrayNode();
    pending.forEach(input -> waiting.add(JSON.objectNode().put("Input", ExecutionRun.json(input))));
    ObjectNode manifest = JSON.objectNode();
    manifest.put("DestinationBucket", destination.bucket());
    manifest.put("MapRunArn", mapRun.mapRunArn());
    ObjectNode files = manifest.putObject("ResultFiles");
    try {
      put(services, executionArn, destination, base, "FAILED", failed, files);
      put(services, executionArn, destination, base, "PENDING", waiting, files);
      put(services, executionArn, destination, base, "SUCCEEDED", succeeded, files);
      services.putObject(
          executionArn,
          destination.bucket(),
          base + "manifest.json",
          ExecutionRun.json(manifest).getBytes(StandardCharsets.UTF_8));
    } catch (MapRunServices.Failure e) {
      throw new StatesError(RESULT_WRITER_FAILED, e.getMessage());
    }
    mapRun.resultsWritten(
        mapRun.itemCounts().succeeded()
            + mapRun.itemCounts().failed()
            + mapRun.itemCounts().aborted()
            + mapRun.itemCounts().timedOut(),
        mapRun.children().size());
    ObjectNode result = JSON.objectNode();
    result.put("MapRunArn", mapRun.mapRunArn());
    result
        .putObject("ResultWriterDetails")
        .put("Bucket", destination.bucket())
        .put("Key", base + "manifest.json");
    return result;
  }

  private static void put(
      MapRunServices services,
      String executionArn,
      Destination destination,
      String base,
      String status,
      ArrayNode entries,
      ObjectNode files) {
    ArrayNode list = files.putArray(status);
    if (entries.isEmpty()) {
      return;
    }
    String key = base + status + "_0.json";
    byte[] body = ExecutionRun.json(entries).getBytes(StandardCharsets.UTF_8);
    services.putObject(executionArn, destination.bucket(), key, body);
    list.addObject().put("Key", key).put("Size", body.length);
  }

  /** A child as DescribeExecution tells it, in PascalCase, Input and Output as JSON text. */
  static ObjectNode describe(Execution child) {
    ObjectNode entry = JSON.objectNode();
    child.cause().ifPresent(cause -> entry.put("Cause", cause));
    child.error().ifPresent(error -> entry.put("Error", error));
    entry.put("ExecutionArn", child.executionArn());
    entry.put("Input", ExecutionRun.json(child.input()));
    entry.putObject("InputDetails").put("Included", true);
    entry.put("Name", child.name());
    child
        .output()
        .ifPresent(
            output -> {
              entry.put("Output", ExecutionRun.json(output));
              entry.putObject("OutputDetails").put("Included", true);
            });
    entry.put("StartDate", iso(child.startDate()));
    entry.put("StateMachineArn", child.stateMachine().arn());
    entry.put("Status", child.status().name());
    child.stopDate().ifPresent(stop -> entry.put("StopDate", iso(stop)));
    return entry;
  }

  private static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
