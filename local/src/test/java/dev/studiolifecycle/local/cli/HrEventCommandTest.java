package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrEventCommandTest {

  private static final String ROOT = System.getProperty("studiolifecycle.projectRoot");

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private int run(String... files) {
    String[] args = new String[files.length + 3];
    args[0] = "hr-event";
    args[1] = "--project";
    args[2] = ROOT;
    for (int i = 0; i < files.length; i++) {
      args[i + 3] = files[i].startsWith("/") ? files[i] : Path.of(ROOT, files[i]).toString();
    }
    return StudioLifecycleCommand.execute(args);
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aHireOnboardsAndATerminationOffboardsInOneEmulator() {
    int exit = run("events/hr/employee-hired.json", "events/hr/employee-terminated.json");
    assertThat(out()).contains("rule StudioUserLifecycleStateMachineEmployeeHired starts")
        .contains("\"userProfileName\":\"jane-doe\"")
        .contains("notification: Onboarded jane-doe")
        .contains("rule StudioUserLifecycleStateMachineEmployeeTerminated starts")
        .contains("notification: Offboarded jane-doe")
        .doesNotContain("\"level\":");
    assertThat(out().split("SUCCEEDED", -1)).hasSize(3);
    assertThat(exit).isZero();
  }

  @Test
  void anEventNoRuleMatchesStartsNothingAndIsNotAnError() {
    int exit = run("events/hr/not-matching-employee-promoted.json");
    assertThat(out()).contains("no rule matched \"Employee Promoted\"")
        .contains("nothing started").doesNotContain("execution ");
    assertThat(exit).isZero();
  }

  @Test
  void anUnusableHireGoesToTheUnusableEventsQueue() throws IOException {
    Path event = dir.resolve("no-email.json");
    Files.writeString(event, Files.readString(Path.of(ROOT, "events/hr/employee-hired.json"))
        .replace("\"email\": \"jane.doe@example.com\"", "\"phone\": \"0\""));
    int exit = run(event.toString());
    assertThat(out()).contains("rule HrEventsUnusableRule sent the event to "
        + "arn:aws:sqs:us-east-1:123456789012:HrEventsUnusableQueue, nothing started");
    assertThat(exit).isEqualTo(2);
  }

  @Test
  void aFileThatIsNoHrEventStopsBeforeAnythingStarts() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"eventId\": \"hr-1\"}");
    int exit = run("events/hr/employee-hired.json", bad.toString());
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("is not an HR event in a shape this command knows");
    assertThat(out()).doesNotContain("starts execution");
    assertThat(exit).isEqualTo(2);
  }
}
