package dev.studiolifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.roster.RosterEntry;
import dev.studiolifecycle.roster.RosterEntry.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle request each kind of plan item becomes, and what is never acted on. */
class PlanActionsTest {

  private static final RosterEntry JANE =
      new RosterEntry(2, "jane-doe", "jane@example.com", "risk", Status.ACTIVE, "jane.sso");

  private static final Plan PLAN =
      new Plan(
          List.of(
              new PlanItem(PlanItem.Kind.JOIN, "d-a", "jane-doe", "new", JANE),
              new PlanItem(PlanItem.Kind.MOVE, "d-a", "jane-doe", "team", JANE),
              new PlanItem(PlanItem.Kind.LEAVE, "d-a", "zed-old", "not on the roster", null),
              new PlanItem(PlanItem.Kind.RESTORE, "d-a", "bo-ray", "active again", JANE),
              new PlanItem(PlanItem.Kind.UNMANAGED, "d-a", "admin", "by hand", null),
              new PlanItem(PlanItem.Kind.UNCHANGED, "d-a", "kim", "as it is", null)));

  @Test
  void eachActionCarriesTheLifecycleRequestThatCarriesItOut() throws Exception {
    ArrayNode actions = PlanActions.actions(PLAN, "nightly-2026-12-07");

    assertThat(actions).hasSize(4);
    assertThat(actions.get(0).path("request"))
        .isEqualTo(
            ModelJson.readTree(
                "{\"action\":\"ONBOARD\",\"requestId\":\"nightly-2026-12-07-1\",\"domainId\":\"d-a\","
                    + "\"userProfileName\":\"jane-doe\",\"email\":\"jane@example.com\","
                    + "\"team\":\"risk\",\"ssoUserName\":\"jane.sso\"}"));
    assertThat(actions.get(1).path("request").path("action").asText()).isEqualTo("UPDATE");
    assertThat(actions.get(1).path("request").has("ssoUserName"))
        .as("only a joiner is given an SSO user")
        .isFalse();
    JsonNode leave = actions.get(2).path("request");
    assertThat(leave.path("action").asText()).isEqualTo("OFFBOARD");
    assertThat(leave.has("email")).isFalse();
    assertThat(actions.get(3).path("request").path("action").asText()).isEqualTo("RESTORE");
    assertThat(actions.get(3).path("request").has("team")).isFalse();
  }

  @Test
  void thePlanListsEveryItemWithItsReasonAndRosterLine() {
    ArrayNode plan = PlanActions.plan(PLAN);

    assertThat(plan).hasSize(6);
    assertThat(plan.get(4).path("kind").asText()).isEqualTo("UNMANAGED");
    assertThat(plan.get(4).has("request")).isFalse();
    assertThat(plan.get(0).path("rosterLine").asInt()).isEqualTo(2);
  }

  @Test
  void requestIdsStayWithinTheLifecyclesRules() {
    assertThat(PlanActions.requestId("run with spaces!", 3)).isEqualTo("run-with-spaces--3");
    assertThat(PlanActions.requestId("x".repeat(200), 12)).hasSize(128).endsWith("-12");
  }
}
