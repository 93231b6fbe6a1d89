package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields only a JSONata state has (developer guide, "Transforming data with JSONata in Step
 * Functions"), each a missing node when the state has none: Arguments (Task, Parallel), Output
 * (every type but Fail) and Items (Map). A state's JSONPath fields keep their defaults when it uses
 * JSONata, since a JSONata state cannot have them.
 */
public record JsonataFields(JsonNode arguments, JsonNode output, JsonNode items) {}
