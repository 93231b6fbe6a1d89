package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import java.util.List;
import java.util.Optional;

/**
 * A Choice state.
 *
 * @param defaultState the Default state, or null when there is none (no match then fails with
 *     States.NoChoiceMatched)
 * @param assign the Assign template used when no rule matches and the Default is taken, or a
 *     missing node
 * @param jsonata a JSONata state's Output (used with the Default), or null for a JSONPath state
 */
public record ChoiceState(
    String name,
    PathSelection inputPath,
    PathSelection outputPath,
    List<ChoiceBranch> choices,
    String defaultState,
    JsonNode assign,
    JsonataFields jsonata)
    implements State {

  public ChoiceState {
    choices = List.copyOf(choices);
  }

  public Optional<String> defaultNext() {
    return Optional.ofNullable(defaultState);
  }

  @Override
  public StateType type() {
    return StateType.CHOICE;
  }
}
