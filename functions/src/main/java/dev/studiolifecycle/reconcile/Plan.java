package dev.studiolifecycle.reconcile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A reconcile plan: one item per profile and joiner, in domain and name order. */
public record Plan(List<PlanItem> items) {

  public Plan {
    items = List.copyOf(items);
  }

  /** How many items of each kind, every kind present (zero when none). */
  public Map<PlanItem.Kind, Integer> counts() {
    Map<PlanItem.Kind, Integer> counts = new EnumMap<>(PlanItem.Kind.class);
    for (PlanItem.Kind kind : PlanItem.Kind.values()) {
      counts.put(kind, 0);
    }
    items.forEach(item -> counts.merge(item.kind(), 1, Integer::sum));
    return counts;
  }

  /** The items applying the plan acts on. */
  public List<PlanItem> actions() {
    return items.stream().filter(item -> item.kind().acts()).toList();
  }
}
