package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The rules of a Task state: its Resource, and TimeoutSeconds and HeartbeatSeconds (or their
 * paths).
 */
record TaskRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(
        WITH_RESULT_AND_ERRORS,
        Set.of(
            "Resource",
            "Parameters",
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSeconds",
            "HeartbeatSecondsPath"));
  }

  @Override
  public TaskState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    TaskResource resource = null;
    JsonNode resourceNode = node.get("Resource");
    if (resourceNode == null) {
      fields.problem(at(name, "Resource") + ": is required in a Task state");
    } else if (!resourceNode.isTextual()) {
      fields.problem(at(name, "Resource") + ": must be a string, got " + kind(resourceNode));
    } else {
      try {
        resource = TaskResource.parse(resourceNode.asText());
      } catch (IllegalArgumentException e) {
        fields.problem(at(name, "Resource") + ": " + e.getMessage());
      }
    }
    NumberSetting timeout =
        fields.numberSetting(
            name, node, "Task", "TimeoutSeconds", 1, TaskState.MAX_TIMEOUT_SECONDS);
    NumberSetting heartbeat =
        fields.numberSetting(
            name, node, "Task", "HeartbeatSeconds", 1, TaskState.MAX_TIMEOUT_SECONDS);
    if (heartbeat instanceof NumberSetting.Fixed beat) {
      long limit =
          timeout instanceof NumberSetting.Fixed fixed
              ? fixed.value()
              : TaskState.MAX_TIMEOUT_SECONDS;
      if (beat.value() >= limit) {
        fields.problem(
            at(name, "HeartbeatSeconds")
                + ": must be smaller than TimeoutSeconds ("
                + limit
                + "), got "
                + beat.value());
      }
    }
    return new TaskState(
        name,
        resource,
        fields.inputPath(name, node),
        fields.template(name, node, "Parameters"),
        fields.handling(name, node, links),
        timeout,
        heartbeat,
        fields.transition(name, node, links),
        fields.jsonataFields(name, node));
  }
}
