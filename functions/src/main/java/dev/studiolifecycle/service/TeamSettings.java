package dev.studiolifecycle.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.validation.FieldRules;
import dev.studiolifecycle.validation.RequestValidator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Each team's settings, kept in one Parameter Store parameter that operators change without
 * redeploying: {@code {"teams": {"<team>": {<settings>}}}}, where the settings are the request's
 * own setting fields and follow the request's rules. A request that names a team gets the team's
 * value of every setting it leaves out ({@code tags} key by key, the request's keys winning).
 */
public final class TeamSettings {

  /** The request fields a team may set. */
  static final List<String> FIELDS =
      List.of(
          "executionRole",
          "tags",
          "jupyterLab",
          "idleShutdown",
          "spaceStorage",
          "hiddenInstanceTypes",
          "jumpStart",
          "projects",
          "rstudio",
          "canvas");

  private final Function<String, Optional<String>> parameters;
  private final String parameterName;
  private final RequestValidator validator;

  /**
   * @param parameters reads a parameter's value by name (empty when it does not exist)
   * @param parameterName the parameter holding the team settings; null when the stack has none
   * @param validator judges a team's settings by the request's rules
   */
  public TeamSettings(
      Function<String, Optional<String>> parameters,
      String parameterName,
      RequestValidator validator) {
    this.parameters = parameters;
    this.parameterName = parameterName;
    this.validator = validator;
  }

  /**
   * A request with its team's settings filled in, and the tag keys the team settings manage (every
   * key some team sets: a profile that has one the request no longer asks for loses it).
   */
  public record Applied(JsonNode request, List<String> managedTagKeys) {
    public Applied {
      managedTagKeys = List.copyOf(managedTagKeys);
    }
  }

  /**
   * {@code request} with its team's settings filled in; unchanged, with no managed tag keys, when
   * it names no team, or a team the request rules refuse anyway (not a string, a malformed name, an
   * action that takes none).
   *
   * @throws ValidationError naming the field {@code team} when the team has no settings or its
   *     settings break the request's rules
   */
  public Applied applyTo(JsonNode request) {
    if (request == null || !request.isObject()) {
      return new Applied(request, List.of());
    }
    JsonNode team = request.path("team");
    String action = request.path("action").asText("");
    if (!team.isTextual()
        || !FieldRules.TEAM.matcher(team.asText()).matches()
        || !(action.equals("ONBOARD") || action.equals("UPDATE"))) {
      return new Applied(request, List.of());
    }
    JsonNode teams = teams();
    ObjectNode settings = settingsOf(teams, team.asText());
    ObjectNode merged = ((ObjectNode) request).deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("tags") && request.path("tags").isObject()) {
        ObjectNode tags = ((ObjectNode) field.getValue()).deepCopy();
        tags.setAll((ObjectNode) request.get("tags"));
        merged.set("tags", tags);
      } else if (!request.has(field.getKey())) {
        merged.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    TreeSet<String> tagKeys = new TreeSet<>();
    teams.forEach(each -> each.path("tags").fieldNames().forEachRemaining(tagKeys::add));
    return new Applied(merged, List.copyOf(tagKeys));
  }

  /** The {@code teams} object of the parameter, every team's settings checked. */
  private JsonNode teams() {
    String where = where();
    if (parameterName == null) {
      throw new ValidationError(
          "team: this stack has no team settings (TEAM_SETTINGS_PARAMETER is not set)");
    }
    String text =
        parameters
            .apply(parameterName)
            .orElseThrow(() -> new ValidationError(where + " do not exist"));
    JsonNode all;
    try {
      all = ModelJson.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationError(where + ": the value " + ModelJson.problemOf(e));
    }
    JsonNode teams = all.path("teams");
    if (!all.isObject() || !teams.isObject() || all.size() != 1) {
      throw new ValidationError(where + " must be an object with one field, teams");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = teams.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> team = it.next();
      checkTeam(team.getKey(), team.getValue());
    }
    return teams;
  }

  private String where() {
    return "team: the team settings (parameter " + parameterName + ")";
  }

  private ObjectNode settingsOf(JsonNode teams, String team) {
    String where = where();
    JsonNode settings = teams.get(team);
    if (settings == null) {
      throw new ValidationError(
          where + " have no team " + team + " (teams: " + String.join(", ", names(teams)) + ")");
    }
    return (ObjectNode) settings;
  }

  /** A team's settings: an object of the fields a team may set, by the request's rules. */
  private void checkTeam(String team, JsonNode settings) {
    String where = where();
    if (!settings.isObject()) {
      throw new ValidationError(where + ": team " + team + " must be an object");
    }
    for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new ValidationError(
            where
                + ": team "
                + team
                + ": unknown field "
                + field
                + " (a team sets "
                + String.join(", ", FIELDS)
                + ")");
      }
    }
    check(team, (ObjectNode) settings, where);
  }

  /** A team's settings follow the request's rules, checked on a request that has only them. */
  private void check(String team, ObjectNode settings, String where) {
    ObjectNode probe = JsonNodeFactory.instance.objectNode();
    probe.put("action", "UPDATE");
    probe.put("requestId", "team-settings");
    probe.put("domainId", "d-teamsettings");
    probe.put("userProfileName", "team-settings");
    probe.setAll(settings);
    try {
      validator.validate(probe, null);
    } catch (ValidationError e) {
      throw new ValidationError(where + ": team " + team + ": " + e.getMessage());
    }
  }

  private static TreeSet<String> names(JsonNode teams) {
    TreeSet<String> names = new TreeSet<>();
    teams.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
