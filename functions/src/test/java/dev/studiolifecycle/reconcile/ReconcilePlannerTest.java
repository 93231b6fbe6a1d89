package dev.studiolifecycle.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.reconcile.PlanItem.Kind;
import dev.studiolifecycle.roster.Roster;
import dev.studiolifecycle.roster.RosterReader;
import dev.studiolifecycle.roster.RosterReader.Format;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ReconcilePlannerTest {

  private static final String IAM = "d-studiolocal01";
  private static final String SSO = "d-studiosso001";

  private static final Roster ROSTER =
      RosterReader.read(
          "userName,email,status,team\n"
              + "jane-doe,jane.doe@example.com,ACTIVE,risk\n"
              + "john-roe,john.roe@example.com,ACTIVE,ml-platform\n"
              + "kim-lee,kim.lee@example.com,INACTIVE,risk\n"
              + "ann-oak,ann.oak@example.com,ACTIVE,\n"
              + "bo-ray,bo.ray@example.com,ACTIVE,risk\n"
              + "cy-ng,cy.ng@example.com,ACTIVE,risk\n",
          Format.CSV);

  private static final List<ObservedProfile> PROFILES =
      List.of(
          new ObservedProfile(IAM, "Jane-Doe", true, "ml-platform", null),
          new ObservedProfile(IAM, "john-roe", true, "ml-platform", null),
          new ObservedProfile(IAM, "kim-lee", true, "risk", null),
          new ObservedProfile(IAM, "zed-old", true, null, null),
          new ObservedProfile(IAM, "admin-sandbox", false, null, null),
          new ObservedProfile(SSO, "ann-oak", true, null, null),
          new ObservedProfile(SSO, "bo-ray", true, "risk", "hr-2026-000417"),
          new ObservedProfile(SSO, "gone-guy", true, null, "hr-2026-000500"));

  /**
   * A bad row is skipped, never guessed at: an active person whose row has a typo in her e-mail
   * address is not taken for a leaver, and a row whose user name cannot be read might be anyone's,
   * so nobody who is merely absent leaves; an INACTIVE row still does.
   */
  @Test
  void aPersonWhoseRowWasSkippedIsNotJudgedAndAnUnreadableRowHoldsEveryAbsentLeaver() {
    List<ObservedProfile> profiles =
        List.of(
            new ObservedProfile(IAM, "jane-doe", true, "risk", null),
            new ObservedProfile(IAM, "kim-lee", true, "risk", null),
            new ObservedProfile(IAM, "zed-old", true, null, null));
    String rows =
        "userName,email,status,team\n"
            + "jane-doe,jane.doe(at)example.com,ACTIVE,risk\n"
            + "kim-lee,kim.lee@example.com,INACTIVE,risk\n";

    Tuple janeNotJudged =
        Tuple.tuple(
            Kind.UNCHANGED,
            "jane-doe",
            "line 2 skipped (email: must be an e-mail address (local-part@domain)): not judged");
    Tuple kimLeaves = Tuple.tuple(Kind.LEAVE, "kim-lee", "INACTIVE on line 3 of the roster");

    Plan typo = ReconcilePlanner.plan(RosterReader.read(rows, Format.CSV), profiles, IAM);
    Plan unreadable =
        ReconcilePlanner.plan(
            RosterReader.read(rows + "a row, cut short\n", Format.CSV), profiles, IAM);

    assertThat(typo.items())
        .extracting(PlanItem::kind, PlanItem::userProfileName, PlanItem::reason)
        .containsExactly(
            janeNotJudged, kimLeaves, Tuple.tuple(Kind.LEAVE, "zed-old", "not on the roster"));
    assertThat(unreadable.items())
        .extracting(PlanItem::kind, PlanItem::userProfileName, PlanItem::reason)
        .containsExactly(
            janeNotJudged,
            kimLeaves,
            Tuple.tuple(
                Kind.UNCHANGED,
                "zed-old",
                "not on the roster, but line 4 could not be read and may be hers: not judged"));
  }

  /** Two rows of one person that may disagree: the INACTIVE first one does not make her leave. */
  @Test
  void aLeaverWithASecondSkippedRowIsNotJudged() {
    Roster rows =
        RosterReader.read(
            "userName,email,status\n"
                + "kim-lee,kim.lee@example.com,INACTIVE\n"
                + "Kim-Lee,kim.lee@example.com,ACTIVE\n",
            Format.CSV);

    Plan plan =
        ReconcilePlanner.plan(
            rows, List.of(new ObservedProfile(IAM, "kim-lee", true, "risk", null)), IAM);

    assertThat(plan.items())
        .extracting(PlanItem::kind, PlanItem::reason)
        .containsExactly(
            Tuple.tuple(
                Kind.UNCHANGED,
                "line 3 skipped (userName: Kim-Lee is on line 2 already): not judged"));
  }

  @Test
  void eachProfileAndEachActivePersonWithoutOneGetsExactlyOneItem() {
    Plan plan = ReconcilePlanner.plan(ROSTER, PROFILES, IAM);

    assertThat(plan.items())
        .extracting(PlanItem::kind, PlanItem::domainId, PlanItem::userProfileName)
        .containsExactly(
            Tuple.tuple(Kind.UNMANAGED, IAM, "admin-sandbox"),
            Tuple.tuple(Kind.JOIN, IAM, "cy-ng"),
            Tuple.tuple(Kind.MOVE, IAM, "Jane-Doe"),
            Tuple.tuple(Kind.UNCHANGED, IAM, "john-roe"),
            Tuple.tuple(Kind.LEAVE, IAM, "kim-lee"),
            Tuple.tuple(Kind.LEAVE, IAM, "zed-old"),
            Tuple.tuple(Kind.UNCHANGED, SSO, "ann-oak"),
            Tuple.tuple(Kind.RESTORE, SSO, "bo-ray"),
            Tuple.tuple(Kind.UNCHANGED, SSO, "gone-guy"));
    assertThat(plan.items())
        .filteredOn(item -> item.userProfileName().equals("Jane-Doe"))
        .singleElement()
        .extracting(PlanItem::reason)
        .isEqualTo("team ml-platform -> risk (line 2)");
    assertThat(plan.items())
        .filteredOn(item -> item.kind() == Kind.LEAVE)
        .extracting(PlanItem::reason)
        .containsExactly("INACTIVE on line 4 of the roster", "not on the roster");
    assertThat(plan.counts())
        .containsEntry(Kind.JOIN, 1)
        .containsEntry(Kind.MOVE, 1)
        .containsEntry(Kind.LEAVE, 2)
        .containsEntry(Kind.RESTORE, 1)
        .containsEntry(Kind.UNMANAGED, 1)
        .containsEntry(Kind.UNCHANGED, 3);
    assertThat(plan.actions()).hasSize(5);
  }

  @Test
  void anUnmanagedProfileIsNeverActedOnWhatTheRosterSays() {
    Plan plan =
        ReconcilePlanner.plan(
            ROSTER, List.of(new ObservedProfile(IAM, "kim-lee", false, null, null)), IAM);

    assertThat(plan.items())
        .filteredOn(item -> item.userProfileName().equals("kim-lee"))
        .singleElement()
        .extracting(PlanItem::kind)
        .isEqualTo(Kind.UNMANAGED);
  }

  @Test
  void theGuardRefusesAPlanThatWouldOffboardMoreThanItsShareOfADomain() {
    Roster truncated =
        RosterReader.read(
            "userName,email,status\njohn-roe,john.roe@example.com,ACTIVE\n", Format.CSV);
    Plan plan = ReconcilePlanner.plan(truncated, PROFILES, IAM);

    assertThat(LeaverGuard.refusals(plan, 0.2, 0))
        .containsExactly(
            "d-studiolocal01: 3 of 4 managed profiles would leave, more than 20 %",
            "d-studiosso001: 1 of 3 managed profiles would leave, more than 20 %");
    assertThat(LeaverGuard.refusals(plan, 0.2, 1))
        .as("one leaver of a domain is always allowed")
        .containsExactly("d-studiolocal01: 3 of 4 managed profiles would leave, more than 20 %");
    assertThat(LeaverGuard.refusals(plan, 0.2, 3)).isEmpty();
    assertThat(LeaverGuard.refusals(plan, 0.75, 0)).isEmpty();
    assertThat(LeaverGuard.refusals(ReconcilePlanner.plan(ROSTER, PROFILES, IAM), 0.5, 0))
        .isEmpty();
    assertThatThrownBy(() -> LeaverGuard.refusals(plan, 1.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaverGuard.refusals(plan, 0.2, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProfileWhoseTeamTagsDriftedMovesToItsTeamAgain() {
    TeamTags teams =
        team ->
            java.util.Optional.of(
                new TeamTags.Wanted(
                    java.util.Map.of("team", team, "cost-center", "cc-1"),
                    java.util.Set.of("team", "cost-center", "project")));
    Roster roster =
        RosterReader.read(
            "userName,email,status,team\n"
                + "jane-doe,jane.doe@example.com,ACTIVE,risk\n"
                + "john-roe,john.roe@example.com,ACTIVE,risk\n",
            Format.CSV);
    List<ObservedProfile> profiles =
        List.of(
            new ObservedProfile(
                IAM,
                "jane-doe",
                true,
                "risk",
                null,
                java.util.Map.of("team", "risk", "cost-center", "cc-1")),
            new ObservedProfile(
                IAM,
                "john-roe",
                true,
                "risk",
                null,
                java.util.Map.of("team", "ml-platform", "cost-center", "cc-1", "project", "x")));

    Plan plan = ReconcilePlanner.plan(roster, profiles, IAM, teams);

    assertThat(plan.items())
        .extracting(PlanItem::userProfileName, PlanItem::kind, PlanItem::reason)
        .containsExactly(
            Tuple.tuple("jane-doe", Kind.UNCHANGED, "as the roster says"),
            Tuple.tuple(
                "john-roe",
                Kind.MOVE,
                "tags differ from team risk's: team: ml-platform -> risk, project: x -> (none)"));
    assertThat(ReconcilePlanner.plan(roster, profiles, IAM, TeamTags.NONE).items())
        .extracting(PlanItem::kind)
        .as("without team settings, nothing is compared")
        .containsOnly(Kind.UNCHANGED);
  }
}
