package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules of one state type: which fields it may have, and how a state of that type is read from
 * its JSON (problems go to the definition's {@link DefinitionFields}, transitions to its {@link
 * Links}).
 */
sealed interface StateRules
    permits PassRules,
        TaskRules,
        ChoiceRules,
        WaitRules,
        SucceedRules,
        FailRules,
        ParallelRules,
        MapRules {

  Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  Set<String> IO = Set.of("InputPath", "OutputPath");
  Set<String> FLOW = Set.of("Next", "End");
  Set<String> RESULT = Set.of("ResultPath", "ResultSelector");
  Set<String> ERRORS = Set.of("Retry", "Catch");

  /** Workflow variables: Pass, Task, Choice, Wait, Parallel and Map states may assign them. */
  Set<String> ASSIGN = Set.of("Assign");

  /** What Task, Parallel and Map states share: a result, Retry and Catch. */
  Set<String> WITH_RESULT_AND_ERRORS = union(COMMON, IO, FLOW, RESULT, ERRORS, ASSIGN);

  /** The fields a state of this type may have. */
  Set<String> fields();

  /** The state, or a partial one when problems were recorded (the checker then drops it). */
  State read(String name, JsonNode node, DefinitionFields fields, Links links);

  /** The rules of a type; the switch names every state type, so a new one cannot be missed. */
  static StateRules of(StateType type) {
    return switch (type) {
      case PASS -> new PassRules();
      case TASK -> new TaskRules();
      case CHOICE -> new ChoiceRules();
      case WAIT -> new WaitRules();
      case SUCCEED -> new SucceedRules();
      case FAIL -> new FailRules();
      case PARALLEL -> new ParallelRules();
      case MAP -> new MapRules();
    };
  }

  @SafeVarargs
  static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    Arrays.stream(sets).forEach(all::addAll);
    return Set.copyOf(all);
  }
}
