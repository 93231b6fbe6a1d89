package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.validation.RequestSchema;
import dev.studiolifecycle.validation.RequestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeamSettingsTest {

  private static final String PARAMETER = "/studio-lifecycle/stack/team-settings";
  private static final String TEAMS =
      """
      {"teams": {
        "risk": {
          "executionRole": {"create": {"s3Buckets": ["risk-data"]}},
          "tags": {"team": "risk", "cost-center": "cc-7"},
          "jupyterLab": {"instanceType": "ml.m5.large"},
          "rstudio": "ADMIN"
        },
        "ml-platform": {"jumpStart": false}
      }}
      """;

  private final List<String> reads = new ArrayList<>();

  private TeamSettings teams(String value) {
    return new TeamSettings(
        name -> {
          reads.add(name);
          return Optional.ofNullable(value);
        },
        PARAMETER,
        new RequestValidator(RequestSchema.load()));
  }

  private static JsonNode json(String text) throws Exception {
    return ModelJson.readTree(text);
  }

  @Test
  void fillsInWhatTheRequestLeavesOutAndMergesTagsWithTheRequestsWinning() throws Exception {
    TeamSettings.Applied applied =
        teams(TEAMS)
            .applyTo(
                json(
                    """
                    {"action": "UPDATE", "domainId": "d-abc", "userProfileName": "frank",
                     "team": "risk", "rstudio": "USER", "tags": {"team": "risk-emea", "x": "y"}}
                    """));
    JsonNode merged = applied.request();

    assertThat(applied.managedTagKeys()).containsExactly("cost-center", "team");
    assertThat(merged.path("rstudio").asText()).as("the request's own value").isEqualTo("USER");
    assertThat(merged.at("/jupyterLab/instanceType").asText()).isEqualTo("ml.m5.large");
    assertThat(merged.at("/executionRole/create/s3Buckets/0").asText()).isEqualTo("risk-data");
    assertThat(merged.path("tags").toString())
        .isEqualTo("{\"team\":\"risk-emea\",\"cost-center\":\"cc-7\",\"x\":\"y\"}");
    assertThat(reads).containsExactly(PARAMETER);
  }

  @Test
  void aRequestWithoutTeamOrOfAnotherActionIsLeftAsItIsWithoutReadingTheParameter()
      throws Exception {
    JsonNode plain = json("{\"action\": \"ONBOARD\", \"userProfileName\": \"frank\"}");
    JsonNode offboard = json("{\"action\": \"OFFBOARD\", \"team\": \"risk\"}");

    assertThat(teams(TEAMS).applyTo(plain).request()).isSameAs(plain);
    assertThat(teams(TEAMS).applyTo(plain).managedTagKeys()).isEmpty();
    assertThat(teams(TEAMS).applyTo(offboard).request()).isSameAs(offboard);
    assertThat(reads).isEmpty();
  }

  @Test
  void anUnknownTeamIsRefusedNamingTheFieldTheParameterAndTheTeamsThereAre() throws Exception {
    JsonNode request = json("{\"action\": \"ONBOARD\", \"team\": \"sales\"}");

    assertThatThrownBy(() -> teams(TEAMS).applyTo(request))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "team: the team settings (parameter "
                + PARAMETER
                + ") have no team sales (teams: ml-platform, risk)");
  }

  @Test
  void settingsThatBreakTheRequestRulesAreRefusedNamingTheTeam() throws Exception {
    JsonNode request = json("{\"action\": \"ONBOARD\", \"team\": \"risk\"}");
    String badInstance =
        "{\"teams\": {\"risk\": {\"jupyterLab\": {\"instanceType\": \"m5.large\"}}}}";
    String unknownField = "{\"teams\": {\"risk\": {\"email\": \"a@example.com\"}}}";

    assertThatThrownBy(() -> teams(badInstance).applyTo(request))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith(
            "team: the team settings (parameter " + PARAMETER + "): team risk: jupyterLab")
        .hasMessageContaining("instanceType");
    assertThatThrownBy(() -> teams(unknownField).applyTo(request))
        .isInstanceOf(ValidationError.class)
        .hasMessageContaining("team risk: unknown field email (a team sets executionRole, tags");
    assertThatThrownBy(() -> teams("{\"teams\": [}").applyTo(request))
        .isInstanceOf(ValidationError.class)
        .hasMessageContaining("the value is not valid JSON (line 1");
    assertThatThrownBy(() -> teams("{\"risk\": {}}").applyTo(request))
        .isInstanceOf(ValidationError.class)
        .hasMessageEndingWith("must be an object with one field, teams");
    assertThatThrownBy(() -> teams(null).applyTo(request))
        .isInstanceOf(ValidationError.class)
        .hasMessageEndingWith("do not exist");
  }

  @Test
  void aStackWithoutTeamSettingsRefusesATeam() throws Exception {
    TeamSettings none =
        new TeamSettings(
            name -> Optional.empty(), null, new RequestValidator(RequestSchema.load()));

    assertThatThrownBy(() -> none.applyTo(json("{\"action\": \"UPDATE\", \"team\": \"risk\"}")))
        .isInstanceOf(ValidationError.class)
        .hasMessage("team: this stack has no team settings (TEAM_SETTINGS_PARAMETER is not set)");
  }
}
