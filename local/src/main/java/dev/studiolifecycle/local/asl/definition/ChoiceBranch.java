package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/** One element of a Choice state's "Choices": a rule and the state it leads to. */
public record ChoiceBranch(JsonNode rule, String next) {}
