package dev.studiolifecycle.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.roster.RosterEntry;

/**
 * A plan as the reconcile state machine reads it: every item with its reason ({@code plan.json}),
 * and one item per action with the lifecycle request that carries it out ({@code actions.json}, the
 * Map Run's items): a joiner is an ONBOARD, a mover an UPDATE to the roster's team, a leaver an
 * OFFBOARD, a person active again during an offboarding's retention a RESTORE.
 */
public final class PlanActions {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PlanActions() {}

  public static ArrayNode plan(Plan plan) {
    ArrayNode items = JSON.arrayNode();
    for (PlanItem item : plan.items()) {
      items.add(describe(item));
    }
    return items;
  }

  /**
   * @param run the reconcile's execution name: with the item's place it makes each request's id
   */
  public static ArrayNode actions(Plan plan, String run) {
    ArrayNode items = JSON.arrayNode();
    int index = 0;
    for (PlanItem item : plan.actions()) {
      ObjectNode action = describe(item);
      action.set("request", request(item, requestId(run, ++index)));
      items.add(action);
    }
    return items;
  }

  private static ObjectNode describe(PlanItem item) {
    ObjectNode out = JSON.objectNode();
    out.put("kind", item.kind().name());
    out.put("domainId", item.domainId());
    out.put("userProfileName", item.userProfileName());
    out.put("reason", item.reason());
    if (item.entry() != null) {
      out.put("rosterLine", item.entry().line());
    }
    return out;
  }

  private static ObjectNode request(PlanItem item, String requestId) {
    ObjectNode request = JSON.objectNode();
    request.put(
        "action",
        switch (item.kind()) {
          case JOIN -> "ONBOARD";
          case MOVE -> "UPDATE";
          case LEAVE -> "OFFBOARD";
          case RESTORE -> "RESTORE";
          case UNMANAGED, UNCHANGED ->
              throw new IllegalArgumentException(item.kind() + " starts no execution");
        });
    request.put("requestId", requestId);
    request.put("domainId", item.domainId());
    request.put("userProfileName", item.userProfileName());
    RosterEntry entry = item.entry();
    if (entry != null && item.kind().carriesSettings()) {
      request.put("email", entry.email());
      if (entry.team() != null) {
        request.put("team", entry.team());
      }
      if (entry.ssoUserName() != null && item.kind() == PlanItem.Kind.JOIN) {
        request.put("ssoUserName", entry.ssoUserName());
      }
    }
    return request;
  }

  /**
   * {@code <run>-<n>}, at most 128 characters of what the lifecycle's requestId allows (any other
   * character of the run's name becomes a hyphen).
   */
  static String requestId(String runName, int index) {
    String run = runName.replaceAll("[^\\p{L}\\p{N}_.:/=+\\-@]", "-");
    String suffix = "-" + index;
    String base =
        run.length() + suffix.length() > 128 ? run.substring(0, 128 - suffix.length()) : run;
    return base + suffix;
  }
}
