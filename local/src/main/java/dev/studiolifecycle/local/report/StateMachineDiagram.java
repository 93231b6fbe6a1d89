package dev.studiolifecycle.local.report;

import dev.studiolifecycle.local.asl.choice.ChoiceBranch;
import dev.studiolifecycle.local.asl.definition.Catcher;
import dev.studiolifecycle.local.asl.definition.ChoiceState;
import dev.studiolifecycle.local.asl.definition.ErrorHandling;
import dev.studiolifecycle.local.asl.definition.FailState;
import dev.studiolifecycle.local.asl.definition.MapState;
import dev.studiolifecycle.local.asl.definition.ParallelState;
import dev.studiolifecycle.local.asl.definition.PassState;
import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.StatesBlock;
import dev.studiolifecycle.local.asl.definition.SucceedState;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.definition.Transition;
import dev.studiolifecycle.local.asl.definition.WaitState;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A state machine as a Mermaid flowchart (which GitHub renders): every state, every transition
 * (Next, Choices, Default; Catch dashed), Map item processors and Parallel branches as subgraphs.
 * Generated from the definition, so a picture of it never drifts from it.
 */
public final class StateMachineDiagram {

  private StateMachineDiagram() {}

  public static String mermaid(StateMachineDefinition definition) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    out.append("  start((start)) --> ").append(id(definition.startAt())).append('\n');
    block(definition.block(), "  ", out);
    out.append("  classDef fail fill:#fdd,stroke:#c33\n");
    return out.toString();
  }

  private static void block(StatesBlock block, String indent, StringBuilder out) {
    for (State state : block.states().values()) {
      out.append(indent).append(node(state)).append('\n');
    }
    for (State state : block.states().values()) {
      for (String edge : edges(state)) {
        out.append(indent).append(edge).append('\n');
      }
      if (state instanceof MapState map && map.itemProcessor() != null) {
        nested(map.name(), "items", map.itemProcessor(), indent, out);
      } else if (state instanceof ParallelState parallel) {
        for (int i = 0; i < parallel.branches().size(); i++) {
          nested(parallel.name(), "branch " + (i + 1), parallel.branches().get(i), indent, out);
        }
      }
    }
  }

  private static void nested(
      String owner, String label, StatesBlock inner, String indent, StringBuilder out) {
    String subgraph = id(owner) + "_" + label.replace(' ', '_');
    out.append(indent)
        .append("subgraph ")
        .append(subgraph)
        .append(" [\"")
        .append(owner)
        .append(": ")
        .append(label)
        .append("\"]\n");
    block(inner, indent + "  ", out);
    out.append(indent).append("end\n");
    out.append(indent)
        .append(id(owner))
        .append(" -. ")
        .append(label)
        .append(" .-> ")
        .append(id(inner.startAt()))
        .append('\n');
  }

  private static String node(State state) {
    String id = id(state.name());
    String name = "\"" + state.name() + "\"";
    return switch (state.type()) {
      case CHOICE -> id + "{" + name + "}";
      case WAIT -> id + "[/" + name + "/]";
      case PASS -> id + "(" + name + ")";
      case SUCCEED -> id + "([" + name + "])";
      case FAIL -> id + "([" + name + "]):::fail";
      case TASK, MAP, PARALLEL -> id + "[" + name + "]";
    };
  }

  private static Set<String> edges(State state) {
    Set<String> edges = new LinkedHashSet<>();
    String from = id(state.name());
    Transition transition =
        switch (state.type()) {
          case PASS -> ((PassState) state).transition();
          case TASK -> ((TaskState) state).transition();
          case WAIT -> ((WaitState) state).transition();
          case PARALLEL -> ((ParallelState) state).transition();
          case MAP -> ((MapState) state).transition();
          case CHOICE, SUCCEED, FAIL -> null;
        };
    if (transition instanceof Transition.Next next) {
      edges.add(from + " --> " + id(next.state()));
    } else if (transition instanceof Transition.End || state instanceof SucceedState) {
      edges.add(from + " --> finish((end))");
    }
    if (state instanceof ChoiceState choice) {
      for (ChoiceBranch branch : choice.choices()) {
        edges.add(from + " --> " + id(branch.next()));
      }
      choice.defaultNext().ifPresent(next -> edges.add(from + " -->|default| " + id(next)));
    }
    if (state instanceof ErrorHandling handling) {
      for (Catcher catcher : handling.catchers()) {
        edges.add(from + " -.->|catch| " + id(catcher.next()));
      }
    }
    if (state instanceof FailState) {
      return Set.of();
    }
    return edges;
  }

  /** A Mermaid node id: the state's name with anything but letters and digits as '_'. */
  private static String id(String stateName) {
    return "s_" + stateName.replaceAll("[^A-Za-z0-9]", "_");
  }
}
