package dev.studiolifecycle.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.PlanReconcileInput;
import dev.studiolifecycle.model.ReconcilePlanned;
import dev.studiolifecycle.roster.Roster;
import dev.studiolifecycle.roster.RosterFormatException;
import dev.studiolifecycle.roster.RosterReader;
import dev.studiolifecycle.service.TeamSettings;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import dev.studiolifecycle.service.config.ParameterStore;
import dev.studiolifecycle.validation.RequestSchema;
import dev.studiolifecycle.validation.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * PlanReconcile's work: reads the roster from S3, observes every profile of the served domains,
 * plans (joiners, movers, leavers, restores, unmanaged, unchanged), applies the leaver guard and
 * writes the plan and its actions next to each other under {@code plans/<run>/}. Changes nothing in
 * SageMaker: applying is the state machine's Map Run.
 */
public final class ReconcilePlanning {

  /**
   * How many skipped rows the result and the notifications list (the object at {@code badRowsKey}
   * has them all): with {@link #LISTED_ROW_CHARS}, 30 KB at most, well inside Step Functions' and
   * SNS's 256 KiB.
   */
  static final int LISTED_BAD_ROWS = 100;

  static final int LISTED_ROW_CHARS = 300;

  private final S3Client s3;
  private final ProfileObserver observer;
  private final String bucket;
  private final String defaultRosterKey;
  private final Set<String> servedDomains;
  private final String joinDomain;
  private final double maxOffboardShare;
  private final int alwaysAllowedLeavers;
  private final TeamTags teamTags;

  public ReconcilePlanning(
      S3Client s3,
      ProfileObserver observer,
      String bucket,
      String defaultRosterKey,
      Set<String> servedDomains,
      String joinDomain,
      double maxOffboardPercent,
      int alwaysAllowedLeavers,
      TeamTags teamTags) {
    this.s3 = s3;
    this.observer = observer;
    this.bucket = bucket;
    this.defaultRosterKey = defaultRosterKey;
    this.servedDomains = Set.copyOf(servedDomains);
    this.joinDomain = joinDomain;
    this.maxOffboardShare = maxOffboardPercent / 100;
    this.alwaysAllowedLeavers = alwaysAllowedLeavers;
    this.teamTags = teamTags;
  }

  /** The planning of a function environment (its bucket, roster key, domains and guard). */
  public static ReconcilePlanning of(FunctionEnvironment environment) {
    String joinDomain =
        environment
            .defaultDomainId()
            .orElseThrow(
                () ->
                    new ConfigurationError(
                        FunctionEnvironment.DEFAULT_DOMAIN_ID
                            + ": a reconcile needs the domain that joiners join"));
    return new ReconcilePlanning(
        AwsClientFactory.s3(),
        new ProfileObserver(AwsClientFactory.sageMaker()),
        environment.reconcileBucket(),
        environment.rosterKey(),
        environment.servedDomainIds(),
        joinDomain,
        environment.maxOffboardPercent(),
        environment.alwaysAllowedLeavers(),
        teamTags(
            new TeamSettings(
                ParameterStore.cached(),
                environment.teamSettingsParameter().orElse(null),
                new RequestValidator(RequestSchema.load()))));
  }

  /**
   * The tags each team's profiles should carry, from the team settings (read once per team and
   * run); a team without settings compares nothing, and its joiners and movers are refused by name
   * when their lifecycle executions validate them.
   */
  static TeamTags teamTags(TeamSettings settings) {
    Map<String, Optional<TeamTags.Wanted>> known = new ConcurrentHashMap<>();
    return team ->
        known.computeIfAbsent(
            team,
            name -> {
              JsonNode request =
                  JsonNodeFactory.instance.objectNode().put("action", "UPDATE").put("team", name);
              try {
                TeamSettings.Applied applied = settings.applyTo(request);
                Map<String, String> tags = new LinkedHashMap<>();
                applied
                    .request()
                    .path("tags")
                    .fields()
                    .forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
                return Optional.of(new TeamTags.Wanted(tags, Set.copyOf(applied.managedTagKeys())));
              } catch (ValidationError e) {
                return Optional.empty();
              }
            });
  }

  /** The settings of one run, checked. */
  private record Request(String mode, String rosterKey, boolean allowLargeOffboarding) {}

  private static final Set<String> REQUEST_FIELDS =
      Set.of("mode", "rosterKey", "allowLargeOffboarding");

  public ReconcilePlanned plan(PlanReconcileInput input) {
    Request request = request(input);
    String run = input.correlation().requestId();
    Roster roster = roster(request.rosterKey());
    Plan plan =
        ReconcilePlanner.plan(roster, observer.observe(servedDomains), joinDomain, teamTags);
    List<String> refusals =
        request.allowLargeOffboarding()
            ? List.of()
            : LeaverGuard.refusals(plan, maxOffboardShare, alwaysAllowedLeavers);
    String planKey = "plans/" + run + "/plan.json";
    String actionsKey = "plans/" + run + "/actions.json";
    String badRowsKey = "plans/" + run + "/bad-rows.json";
    put(planKey, PlanActions.plan(plan));
    put(actionsKey, PlanActions.actions(plan, run));
    put(badRowsKey, badRows(roster.problems()));
    Map<String, Integer> counts = new LinkedHashMap<>();
    plan.counts().forEach((kind, count) -> counts.put(kind.name(), count));
    List<String> badRows =
        roster.problems().stream().limit(LISTED_BAD_ROWS).map(ReconcilePlanning::listed).toList();
    int actions = plan.actions().size();
    boolean apply = request.mode().equals("APPLY") && refusals.isEmpty() && actions > 0;
    return new ReconcilePlanned(
        request.mode(),
        bucket,
        request.rosterKey(),
        planKey,
        actionsKey,
        counts,
        actions,
        badRows,
        roster.problems().size(),
        badRowsKey,
        refusals,
        apply,
        summary(request.mode(), counts, roster.problems().size(), refusals, apply));
  }

  /**
   * The run's request, every field checked: an unknown key, a wrong type or a roster outside {@code
   * roster/} (the only prefix the function may read) is named, before anything is read.
   */
  private Request request(PlanReconcileInput input) {
    List<String> violations = new ArrayList<>();
    if (input.correlation() == null || input.correlation().requestId() == null) {
      violations.add("correlation.requestId: must name the reconcile run (its execution name)");
    }
    Map<String, Object> given = input.request() == null ? Map.of() : input.request();
    for (String field : new java.util.TreeSet<>(given.keySet())) {
      if (!REQUEST_FIELDS.contains(field)) {
        violations.add(
            field + ": not a reconcile setting (mode, rosterKey, allowLargeOffboarding)");
      }
    }
    String mode = text(given, "mode", "PLAN", violations);
    if (mode != null && !mode.equals("PLAN") && !mode.equals("APPLY")) {
      violations.add("mode: must be PLAN or APPLY, got '" + mode + "'");
    }
    String rosterKey = text(given, "rosterKey", defaultRosterKey, violations);
    if (rosterKey != null
        && (!rosterKey.startsWith("roster/")
            || rosterKey.getBytes(StandardCharsets.UTF_8).length > 1024)) {
      violations.add("rosterKey: must be an object key under roster/ of at most 1,024 bytes");
    }
    Object allow = given.get("allowLargeOffboarding");
    if (allow != null && !(allow instanceof Boolean)) {
      violations.add("allowLargeOffboarding: must be true or false");
    }
    if (!violations.isEmpty()) {
      throw new ValidationError(violations);
    }
    return new Request(mode, rosterKey, Boolean.TRUE.equals(allow));
  }

  private static String text(
      Map<String, Object> given, String field, String fallback, List<String> violations) {
    Object value = given.get(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      violations.add(field + ": must be a string");
      return null;
    }
    return text;
  }

  private Roster roster(String key) {
    String text;
    try {
      text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
    } catch (NoSuchKeyException e) {
      throw new ValidationError(
          "rosterKey: s3://" + bucket + "/" + key + " does not exist (upload the HR export there)");
    }
    try {
      return RosterReader.read(text, RosterReader.Format.of(key));
    } catch (RosterFormatException e) {
      throw new ValidationError("rosterKey: s3://" + bucket + "/" + key + ": " + e.getMessage());
    }
  }

  /** Every skipped row, {@code {"line", "reason"}}, in the roster's order. */
  private static ArrayNode badRows(List<Roster.Problem> problems) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    problems.forEach(
        problem -> rows.addObject().put("line", problem.line()).put("reason", problem.reason()));
    return rows;
  }

  /** A skipped row as the result lists it: cut to {@link #LISTED_ROW_CHARS} characters. */
  private static String listed(Roster.Problem problem) {
    String text = problem.toString();
    return text.length() <= LISTED_ROW_CHARS
        ? text
        : text.substring(0, LISTED_ROW_CHARS - 3) + "...";
  }

  private void put(String key, JsonNode body) {
    byte[] bytes = ModelJson.toJson(body).getBytes(StandardCharsets.UTF_8);
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType("application/json"),
        RequestBody.fromBytes(bytes));
  }

  private static String summary(
      String mode, Map<String, Integer> counts, int badRows, List<String> refusals, boolean apply) {
    StringBuilder text = new StringBuilder("Reconcile ").append(mode).append(": ");
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, count) -> parts.add(count + " " + kind.toLowerCase()));
    text.append(String.join(", ", parts));
    if (badRows > 0) {
      text.append("; ").append(badRows).append(" roster rows skipped");
    }
    if (!refusals.isEmpty()) {
      text.append("; refused by the leaver guard: ").append(String.join("; ", refusals));
    } else if (mode.equals("APPLY")) {
      text.append(apply ? "; applying" : "; nothing to apply");
    }
    return text.toString();
  }
}
