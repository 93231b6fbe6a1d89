package dev.studiolifecycle.local.asl.definition;

import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import java.util.List;
import java.util.Optional;

/**
 * A Choice state.
 *
 * @param defaultState the Default state, or null when there is none (no match then fails with
 *     States.NoChoiceMatched)
 */
public record ChoiceState(
    String name,
    PathSelection inputPath,
    PathSelection outputPath,
    List<ChoiceBranch> choices,
    String defaultState)
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
