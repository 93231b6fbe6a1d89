package dev.studiolifecycle.reconcile;

import dev.studiolifecycle.reconcile.PlanItem.Kind;
import dev.studiolifecycle.roster.Roster;
import dev.studiolifecycle.roster.RosterEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the served domains' profiles with the roster. A profile the workflow does not manage is
 * reported and never touched. A managed profile whose person has no active row leaves (unless an
 * offboarding already took her access); one whose row is active again after an offboarding took it
 * is restored; one whose row names another team than the profile's moves. An active person with no
 * profile in any served domain joins {@code joinDomainId}. Names are compared without regard to
 * case, as SageMaker compares profile names.
 */
public final class ReconcilePlanner {

  private ReconcilePlanner() {}

  public static Plan plan(Roster roster, List<ObservedProfile> profiles, String joinDomainId) {
    return plan(roster, profiles, joinDomainId, TeamTags.NONE);
  }

  /**
   * The plan, with the tags of each profile that stays in its team compared with the team's: a
   * profile whose tags the team settings manage differ (an administrator changed them, the team's
   * settings changed) moves to its team again, which converges them.
   */
  public static Plan plan(
      Roster roster, List<ObservedProfile> profiles, String joinDomainId, TeamTags teamTags) {
    List<PlanItem> items = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (ObservedProfile profile : profiles) {
      present.add(key(profile.userProfileName()));
      items.add(item(profile, roster, teamTags));
    }
    for (RosterEntry entry : roster.entries()) {
      if (entry.active() && !present.contains(key(entry.userName()))) {
        items.add(
            new PlanItem(
                Kind.JOIN,
                joinDomainId,
                entry.userName(),
                "active on line " + entry.line() + ", no profile in any served domain",
                entry));
      }
    }
    items.sort(
        Comparator.comparing(PlanItem::domainId)
            .thenComparing(item -> key(item.userProfileName())));
    return new Plan(items);
  }

  private static PlanItem item(ObservedProfile profile, Roster roster, TeamTags teamTags) {
    String domain = profile.domainId();
    String name = profile.userProfileName();
    RosterEntry entry = roster.entry(name).orElse(null);
    if (!profile.managed()) {
      return new PlanItem(Kind.UNMANAGED, domain, name, "not created by studio-lifecycle", entry);
    }
    if (entry == null || !entry.active()) {
      Optional<String> held = notJudged(name, roster, entry);
      if (held.isPresent()) {
        return new PlanItem(Kind.UNCHANGED, domain, name, held.get(), entry);
      }
      String why =
          entry == null
              ? "not on the roster"
              : "INACTIVE on line " + entry.line() + " of the roster";
      return profile.offboarding() != null
          ? new PlanItem(
              Kind.UNCHANGED, domain, name, why + "; offboarding " + profile.offboarding(), entry)
          : new PlanItem(Kind.LEAVE, domain, name, why, entry);
    }
    if (profile.offboarding() != null) {
      return new PlanItem(
          Kind.RESTORE,
          domain,
          name,
          "active on line " + entry.line() + "; access revoked by " + profile.offboarding(),
          entry);
    }
    if (entry.team() != null && !entry.team().equals(profile.team())) {
      return new PlanItem(
          Kind.MOVE,
          domain,
          name,
          "team "
              + (profile.team() == null ? "(not recorded)" : profile.team())
              + " -> "
              + entry.team()
              + " (line "
              + entry.line()
              + ")",
          entry);
    }
    List<String> drift =
        entry.team() == null ? List.of() : drift(profile, teamTags.of(entry.team()));
    if (!drift.isEmpty()) {
      return new PlanItem(
          Kind.MOVE,
          domain,
          name,
          "tags differ from team " + entry.team() + "'s: " + String.join(", ", drift),
          entry);
    }
    return new PlanItem(Kind.UNCHANGED, domain, name, "as the roster says", entry);
  }

  /**
   * Why a managed profile that would leave is not judged, if it is not: a row of hers was skipped
   * (a typo in an active person's e-mail address, or a second row that may say otherwise than the
   * first), or, when she has no row at all, a row whose user name could not be read might be hers.
   * Skipped rows are never guessed at, so neither is their absence.
   */
  private static Optional<String> notJudged(String name, Roster roster, RosterEntry entry) {
    Optional<Roster.Problem> own = roster.skipped(name);
    if (own.isPresent()) {
      return Optional.of(
          "line " + own.get().line() + " skipped (" + own.get().reason() + "): not judged");
    }
    List<Roster.Problem> unreadable = roster.unreadable();
    if (entry != null || unreadable.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines =
        unreadable.stream().limit(5).map(problem -> String.valueOf(problem.line())).toList();
    return Optional.of(
        "not on the roster, but line"
            + (unreadable.size() == 1 ? " " : "s ")
            + String.join(", ", lines)
            + (unreadable.size() > lines.size() ? " ..." : "")
            + " could not be read and may be hers: not judged");
  }

  /** Each tag that differs from what the team wants, as {@code key: have -> want}. */
  private static List<String> drift(ObservedProfile profile, Optional<TeamTags.Wanted> wanted) {
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<String> drift = new ArrayList<>();
    Map<String, String> have = profile.tags();
    new TreeMap<>(wanted.get().tags())
        .forEach(
            (key, value) -> {
              if (!value.equals(have.get(key))) {
                drift.add(key + ": " + have.getOrDefault(key, "(none)") + " -> " + value);
              }
            });
    for (String key : new TreeSet<>(wanted.get().managedKeys())) {
      if (have.containsKey(key) && !wanted.get().tags().containsKey(key)) {
        drift.add(key + ": " + have.get(key) + " -> (none)");
      }
    }
    return drift;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
