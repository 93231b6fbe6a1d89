package dev.studiolifecycle.local.emulator.stepfunctions;

import static dev.studiolifecycle.local.emulator.stepfunctions.StatesResources.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.MapRun;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import java.util.List;

/**
 * DescribeMapRun and ListMapRuns (API reference): the Map Runs that Distributed Map states of this
 * emulator's executions started, with their item and execution counts.
 */
final class MapRunOperations {

  private final StatesResources resources;

  MapRunOperations(StatesResources resources) {
    this.resources = resources;
  }

  ServiceReply describeMapRun(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String arn = input.requiredString("mapRunArn", StatesResources.ARN_MAX);
    input.check();
    MapRun mapRun = mapRun(arn);
    ObjectNode out = JSON.objectNode();
    out.put("mapRunArn", mapRun.mapRunArn());
    out.put("executionArn", mapRun.executionArn());
    out.put("status", mapRun.status().name());
    out.put("startDate", StatesResources.epochSeconds(mapRun.startDate()));
    mapRun.stopDate().ifPresent(stop -> out.put("stopDate", StatesResources.epochSeconds(stop)));
    out.put("maxConcurrency", mapRun.maxConcurrency());
    out.put("toleratedFailurePercentage", mapRun.toleratedFailurePercentage());
    out.put("toleratedFailureCount", mapRun.toleratedFailureCount());
    counts(out.putObject("itemCounts"), mapRun.itemCounts());
    counts(out.putObject("executionCounts"), mapRun.executionCounts());
    out.put("redriveCount", 0);
    return ServiceReply.json(out);
  }

  ServiceReply listMapRuns(ServiceRequest request) {
    StatesInput input = new StatesInput(request.input());
    String executionArn = input.requiredString("executionArn", StatesResources.ARN_MAX);
    int maxResults = input.integer("maxResults", 0, StatesResources.PAGE_MAX, 0);
    String nextToken = input.string("nextToken", StatesResources.TOKEN_MAX);
    input.check();
    resources.execution(executionArn);
    List<MapRun> runs =
        resources.engine.mapRuns().stream()
            .filter(run -> run.executionArn().equals(executionArn))
            .toList();
    PageTokens.Page<MapRun> page =
        PageTokens.page(
            runs, nextToken, StatesResources.pageSize(maxResults), "ListMapRuns|" + executionArn);
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("mapRuns");
    for (MapRun run : page.items()) {
      ObjectNode item = items.addObject();
      item.put("executionArn", run.executionArn());
      item.put("mapRunArn", run.mapRunArn());
      item.put("stateMachineArn", stateMachineArnOf(run));
      item.put("startDate", StatesResources.epochSeconds(run.startDate()));
      run.stopDate().ifPresent(stop -> item.put("stopDate", StatesResources.epochSeconds(stop)));
    }
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  /** The Map Run's children, for ListExecutions with {@code mapRunArn}. */
  MapRun mapRun(String arn) {
    if (!arn.startsWith("arn:aws:states:") || !arn.contains(":mapRun:")) {
      throw StepFunctionsErrors.INVALID_ARN.about(arn);
    }
    return resources
        .engine
        .mapRun(arn)
        .orElseThrow(
            () -> StepFunctionsErrors.RESOURCE_NOT_FOUND.about("Map Run Does Not Exist: " + arn));
  }

  /** {@code stateMachine:<name>/<label>}: the children's state machine, from the Map Run's ARN. */
  private static String stateMachineArnOf(MapRun run) {
    String arn = run.mapRunArn();
    return arn.substring(0, arn.lastIndexOf(':')).replace(":mapRun:", ":stateMachine:");
  }

  private static void counts(ObjectNode out, MapRun.Counts counts) {
    out.put("pending", counts.pending());
    out.put("running", counts.running());
    out.put("succeeded", counts.succeeded());
    out.put("failed", counts.failed());
    out.put("timedOut", counts.timedOut());
    out.put("aborted", counts.aborted());
    out.put("total", counts.total());
    out.put("resultsWritten", counts.resultsWritten());
    out.put("failuresNotRedrivable", 0);
    out.put("pendingRedrive", 0);
  }
}
