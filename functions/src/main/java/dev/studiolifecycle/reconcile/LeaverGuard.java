package dev.studiolifecycle.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A wrong roster (a truncated export, the wrong file) must not empty a domain: a plan that would
 * offboard more than {@code maxShare} of a domain's managed profiles in one run is refused unless
 * the run says it is intended, and unless it offboards no more than {@code alwaysAllowed} of them
 * (one person leaving a team of three is no sign of a wrong roster).
 */
public final class LeaverGuard {

  private LeaverGuard() {}

  /**
   * The domains whose share of leavers exceeds {@code maxShare} (0 to 1), each as {@code <domain>:
   * <leavers> of <managed> managed profiles would leave}; empty when the plan may run.
   */
  public static List<String> refusals(Plan plan, double maxShare, int alwaysAllowed) {
    if (maxShare < 0 || maxShare > 1) {
      throw new IllegalArgumentException("maxShare must be from 0 to 1, got " + maxShare);
    }
    if (alwaysAllowed < 0) {
      throw new IllegalArgumentException("alwaysAllowed must be 0 or more, got " + alwaysAllowed);
    }
    Map<String, int[]> byDomain = new TreeMap<>();
    for (PlanItem item : plan.items()) {
      if (item.kind() == PlanItem.Kind.JOIN || item.kind() == PlanItem.Kind.UNMANAGED) {
        continue;
      }
      int[] tally = byDomain.computeIfAbsent(item.domainId(), d -> new int[2]);
      tally[0]++;
      if (item.kind() == PlanItem.Kind.LEAVE) {
        tally[1]++;
      }
    }
    List<String> refusals = new ArrayList<>();
    byDomain.forEach(
        (domain, tally) -> {
          if (tally[1] > maxShare * tally[0] && tally[1] > alwaysAllowed) {
            refusals.add(
                domain
                    + ": "
                    + tally[1]
                    + " of "
                    + tally[0]
                    + " managed profiles would leave, more than "
                    + Math.round(maxShare * 100)
                    + " %");
          }
        });
    return refusals;
  }
}
