package dev.studiolifecycle.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.roster.RosterEntry.Status;
import dev.studiolifecycle.roster.RosterReader.Format;
import org.junit.jupiter.api.Test;

class RosterReaderTest {

  @Test
  void readsACsvRosterWithItsOptionalColumnsInAnyOrder() {
    Roster roster =
        RosterReader.read(
            "status,userName,email,team,ssoUserName\n"
                + "ACTIVE,jane-doe,jane.doe@example.com,risk,jane.doe\n"
                + "inactive,john-roe,john.roe@example.com,,\n",
            Format.CSV);

    assertThat(roster.problems()).isEmpty();
    assertThat(roster.entries())
        .containsExactly(
            new RosterEntry(
                2, "jane-doe", "jane.doe@example.com", "risk", Status.ACTIVE, "jane.doe"),
            new RosterEntry(3, "john-roe", "john.roe@example.com", null, Status.INACTIVE, null));
    assertThat(roster.entry("Jane-Doe")).map(RosterEntry::active).contains(true);
  }

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaksAndLinesStayCounted() {
    Roster roster =
        RosterReader.read(
            "userName,email,status,team\r\n"
                + "\"jane-doe\",jane.doe@example.com,ACTIVE,\"risk\"\r\n"
                + "\n"
                + "kim-lee,\"kim,lee@example.com\",ACTIVE,ml\n"
                + "ann-oak,ann.oak@example.com,ACTIVE,\"a \"\"b\"\"\n"
                + "c\"\n"
                + "bo-ray,bo.ray@example.com,ACTIVE,ml\n",
            Format.CSV);

    assertThat(roster.entries())
        .extracting(RosterEntry::line, RosterEntry::userName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "jane-doe"),
            org.assertj.core.groups.Tuple.tuple(7, "bo-ray"));
    assertThat(roster.problems()).hasSize(2);
    assertThat(roster.problems().get(0).line()).isEqualTo(4);
    assertThat(roster.problems().get(0).reason()).startsWith("email: ");
    assertThat(roster.problems().get(1).line()).isEqualTo(5);
    assertThat(roster.problems().get(1).reason()).startsWith("team: ");
  }

  @Test
  void aBadRowIsReportedByLineAndSkippedTheRestIsRead() {
    Roster roster =
        RosterReader.read(
            "userName,email,status\n"
                + "jane_doe,jane.doe@example.com,ACTIVE\n"
                + "john-roe,john.roe@example.com,GONE\n"
                + "kim-lee,,ACTIVE\n"
                + "ann-oak,ann.oak@example.com\n"
                + "bo-ray,bo.ray@example.com,ACTIVE\n"
                + "Bo-Ray,bo.ray@example.com,INACTIVE\n"
                + "\"cy-ng,cy.ng@example.com,ACTIVE\n",
            Format.CSV);

    assertThat(roster.entries()).extracting(RosterEntry::userName).containsExactly("bo-ray");
    assertThat(roster.problems())
        .extracting(Roster.Problem::toString)
        .containsExactly(
            "line 2: userName: must fully match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
            "line 3: status: must be ACTIVE or INACTIVE",
            "line 4: email: is required",
            "line 5: has 2 fields, the header 3",
            "line 7: userName: Bo-Ray is on line 6 already",
            "line 8: a quoted field is not closed");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstColumn() {
    Roster roster =
        RosterReader.read(
            "\uFEFFuserName,email,status\njane-doe,jane.doe@example.com,ACTIVE\n", Format.CSV);
    Roster lines =
        RosterReader.read(
            "\uFEFF{\"userName\": \"jane-doe\", \"email\": \"jane.doe@example.com\","
                + " \"status\": \"ACTIVE\"}\n",
            Format.JSON_LINES);

    assertThat(roster.problems()).isEmpty();
    assertThat(roster.entry("jane-doe")).isPresent();
    assertThat(lines.problems()).isEmpty();
    assertThat(lines.entry("jane-doe")).isPresent();
  }

  @Test
  void aSemicolonSeparatedExportIsRefusedSayingSo() {
    assertThatThrownBy(
            () ->
                RosterReader.read(
                    "userName;email;status\njane-doe;jane.doe@example.com;ACTIVE\n", Format.CSV))
        .isInstanceOf(RosterFormatException.class)
        .hasMessage(
            "line 1: the header is separated by semicolons; a roster's CSV is separated by commas"
                + " (export it as \"CSV (comma delimited)\")");
  }

  @Test
  void aHeaderWithAnUnknownOrMissingColumnRefusesTheWholeFile() {
    assertThatThrownBy(() -> RosterReader.read("userName,mail,status\n", Format.CSV))
        .isInstanceOf(RosterFormatException.class)
        .hasMessageStartingWith("line 1: unknown column 'mail'");
    assertThatThrownBy(() -> RosterReader.read("userName,status\n", Format.CSV))
        .hasMessage("line 1: the header lacks the column email");
    assertThatThrownBy(() -> RosterReader.read("", Format.CSV))
        .hasMessage("the CSV roster has no header line");
    assertThatThrownBy(() -> Format.of("roster.xlsx"))
        .hasMessageContaining("a roster is a .csv file");
    assertThat(Format.of("s3://bucket/hr/Roster.JSONL")).isEqualTo(Format.JSON_LINES);
  }

  @Test
  void readsJsonLinesReportingWhatIsNotARow() {
    Roster roster =
        RosterReader.read(
            "{\"userName\": \"jane-doe\", \"email\": \"jane.doe@example.com\", \"status\": \"ACTIVE\","
                + " \"team\": \"risk\"}\n"
                + "\n"
                + "{\"userName\": \"john-roe\", \"email\": \"john.roe@example.com\", \"status\": 1}\n"
                + "[1, 2]\n"
                + "{\"userName\": \"kim-lee\", \"email\": \"kim.lee@example.com\", \"status\":"
                + " \"ACTIVE\", \"manager\": \"x\"}\n"
                + "{not json\n",
            Format.JSON_LINES);

    assertThat(roster.entries())
        .containsExactly(
            new RosterEntry(1, "jane-doe", "jane.doe@example.com", "risk", Status.ACTIVE, null));
    assertThat(roster.problems()).extracting(Roster.Problem::line).containsExactly(3, 4, 5, 6);
    assertThat(roster.problems().get(0).reason()).isEqualTo("status: must be a string");
    assertThat(roster.problems().get(1).reason()).isEqualTo("not a JSON object");
    assertThat(roster.problems().get(2).reason()).isEqualTo("unknown field manager");
    assertThat(roster.problems().get(3).reason()).startsWith("not JSON: ");
  }
}
