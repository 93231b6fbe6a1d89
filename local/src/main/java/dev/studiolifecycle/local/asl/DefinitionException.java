package dev.studiolifecycle.local.asl;

import java.util.List;

/**
 * A state machine definition that cannot run: the message names the state and the field, the way
 * Step Functions answers InvalidDefinition. A checker that finds several problems reports them all
 * at once, one per line.
 */
public class DefinitionException extends RuntimeException {

  private final List<String> problems;

  public DefinitionException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  /** Every problem found, each naming its state and field; there is at least one. */
  public DefinitionException(List<String> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** {@code problem}, prefixed with where it is: "State 'Name', field 'Field': problem". */
  public static String at(String state, String field, String problem) {
    return "State '" + state + "', field '" + field + "': " + problem;
  }

  /** A problem in one field of one state; see {@link #at}. */
  public static DefinitionException inField(String state, String field, String problem) {
    return new DefinitionException(at(state, field, problem));
  }

  /** The problems one by one, in the order they were found. */
  public List<String> problems() {
    return problems;
  }

  private static String describe(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DefinitionException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0);
    }
    return problems.size()
        + " problems in the state machine definition:\n  - "
        + String.join("\n  - ", problems);
  }
}
