package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code studio-lifecycle run}: the report, and exit codes 0, 1 and 2. */
class RunCommandTest {

  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String events(String path) {
    return ROOT.resolve("events").resolve(path).toString();
  }

  private static String[] run(String input, String scenario, String... more) {
    String[] base = {
      "run",
      events("statemachine/" + input),
      "--scenario",
      events("scenarios/" + scenario),
      "--project-root",
      ROOT.toString()
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return args;
  }

  @Test
  void aSucceededExecutionPrintsItsTimelineNotificationAndFiguresAndExitsZero() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(run("onboard-iam-new-role.json", "demo.json"));

      assertThat(exit).as(command.err()).isZero();
      String out = command.out();
      assertThat(out)
          .startsWith(
              "Execution hr-2026-000123  (studio-lifecycle-"
                  + "StudioUserLifecycle)\n+00:00:00      Validate\n");
      assertThat(out)
          .contains(
              "+00:00:00      CreateUserProfile\n",
              "! +00:00:00  dev.studiolifecycle.error.RoleNotYetAssumable",
              "SUCCEEDED at +00:00:22 (virtual time)\n",
              "SNS notifications: 1\n",
              "\"Onboarded jane-doe\"  action=ONBOARD  outcome=SUCCEEDED\n");
      assertThat(out)
          .contains(
              "9 state transitions billed (6 states, 3 retries), 7 Lambda invocations,"
                  + " virtual duration 00:00:22\n")
          // 9 x $0.025 / 1,000 + 7 x $0.20 / 1,000,000; 7 invocations of 1,024 MB arm64
          // functions at $0.0000133334 per GB-second.
          .endsWith(
              "list price (us-east-1) $0.0002264: Step Functions Standard $0.000225,"
                  + " Lambda requests $0.0000014; Lambda run time (not simulated) adds $0.0000933"
                  + " per second of average invocation run time\n");
      assertThat(out).as("handler logs are dropped").doesNotContain("\"level\"");
      assertThat(command.err()).isEmpty();
    }
  }

  /**
   * {@code --definition}: the execution runs on another definition of the lifecycle state machine
   * (here the current one with another subject), with the template's substitutions.
   */
  @Test
  void theExecutionRunsOnTheDefinitionGivenWithTheTemplatesSubstitutions() throws IOException {
    String current = Files.readString(ROOT.resolve("statemachine/studio-user-lifecycle.asl.json"));
    String subject = "\"States.Format('{} {}', $.profile.outcome,";
    assertThat(current).contains(subject);
    Path other = dir.resolve("other.asl.json");
    Files.writeString(
        other, current.replace(subject, "\"States.Format('Welcome: {} {}', $.profile.outcome,"));

    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              run("onboard-iam-new-role.json", "demo.json", "--definition", other.toString()));

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out()).contains("\"Welcome: Onboarded jane-doe\"");
    }
  }

  @Test
  void aDefinitionWithAPlaceholderTheTemplateDoesNotFillOrNoFileIsBadInput() throws IOException {
    Path other = dir.resolve("other.asl.json");
    Files.writeString(
        other,
        "{\"StartAt\": \"Go\", \"States\": {\"Go\": {\"Type\": \"Task\","
            + " \"Resource\": \"${NoSuchFunctionArn}\", \"End\": true}}}");
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              run("onboard-iam-new-role.json", "demo.json", "--definition", other.toString()));

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("${NoSuchFunctionArn}");
    }
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              run(
                  "onboard-iam-new-role.json",
                  "demo.json",
                  "--definition",
                  dir.resolve("missing.asl.json").toString()));

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("missing.asl.json: cannot read the definition");
    }
  }

  @Test
  void aFailedExecutionExitsOne() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(run("invalid-request.json", "studio-domains.json"));

      assertThat(exit).isEqualTo(1);
      assertThat(command.out())
          .contains(
              "FAILED at +00:00:00 (virtual time): "
                  + "dev.studiolifecycle.error.ValidationError: ")
          .contains("rstudio")
          .contains("outcome=FAILED");
    }
  }

  /**
   * IAM is enforced by default: without ExistingExecutionRoleArns the template grants no access to
   * the scenario's existing role and the run fails at the call; --no-iam turns that off.
   */
  @Test
  void iamIsEnforcedUnlessNoIamIsGiven() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(run("onboard-existing-role.json", "onboard-existing-role.json"));

      assertThat(exit).isEqualTo(1);
      assertThat(command.out())
          .contains("dev.studiolifecycle.error.ExecutionRoleUnusable")
          .contains("ExistingExecutionRoleArns");
    }
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(run("onboard-existing-role.json", "onboard-existing-role.json", "--no-iam"));

      assertThat(exit).as(command.out()).isZero();
    }
  }

  @Test
  void handlerLogsGoToTheFileAsked() throws IOException {
    Path log = dir.resolve("handlers.log");
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              run(
                  "offboard-unknown-user.json",
                  "studio-domains.json",
                  "--handler-logs",
                  log.toString()));

      assertThat(exit).isZero();
      assertThat(command.out()).doesNotContain("\"level\"");
    }
    // EMF metrics of the handlers (their log lines go wherever Log4j was first pointed).
    assertThat(Files.readString(log)).contains("\"RequestsValidated\":1.0");
  }

  @Test
  void whatTheScenariosUserDidIsPrintedAfterTheReport() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              run(
                  "offboard-app-refused-during-offboarding.json",
                  "offboard-app-refused-during-offboarding.json"));

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .contains("SUCCEEDED at +00:02:30 (virtual time)\n")
          .endsWith(
              "User actions (scenario timeline): 1\n"
                  + "+00:01:00      CreateApp JupyterServer/default of user profile jane-doe"
                  + "  refused: ValidationException: User profile arn:aws:sagemaker:us-east-1:"
                  + "123456789012:user-profile/d-studiolocal01/jane-doe has StudioWebPortal"
                  + " DISABLED: the user cannot access Studio.\n");
    }
  }

  /** An OFFBOARD in every served domain, two of them, with {@code more} options. */
  private static String[] everyDomain(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                run(
                    "offboard-every-domain.json",
                    "offboard-role-used-in-another-domain.json",
                    "--parameter",
                    "AdditionalDomainIds=d-studiolocal02")));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void anOffboardingInEveryDomainReportsEachExecutionItStartedToItsEnd() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(everyDomain());

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .startsWith("Execution hr-2026-000777  (studio-lifecycle-StudioUserLifecycle)\n")
          .contains(
              "\nStarted by this execution:\nExecution d-studiolocal01-",
              "\nStarted by this execution:\nExecution d-studiolocal02-",
              "8 state transitions billed (8 states, 0 retries), 1 Lambda invocation");
      assertThat(command.out().split("SUCCEEDED at ", -1)).hasSize(4);
    }
  }

  @Test
  void withOutputJsonEachExecutionIsOneJsonDocumentOnALineOfItsOwnAndNothingElse()
      throws IOException {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(everyDomain("--output", "json"));

      assertThat(exit).as(command.err()).isZero();
      List<String> lines = command.out().lines().toList();
      assertThat(lines).hasSize(3);
      List<JsonNode> documents = new ArrayList<>();
      for (String line : lines) {
        documents.add(JSON.readTree(line));
      }
      JsonNode parent = documents.get(0);
      assertThat(parent.path("name").asText()).isEqualTo("hr-2026-000777");
      assertThat(parent.path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(parent.path("path").get(0).path("state").asText()).isEqualTo("Validate");
      assertThat(parent.at("/figures/stateTransitionsBilled").asInt()).isEqualTo(8);
      assertThat(parent.at("/figures/lambdaInvocations").asInt()).isEqualTo(1);
      assertThat(documents.subList(1, 3))
          .allSatisfy(
              child -> {
                assertThat(child.path("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(child.path("notifications").get(0).at("/message/action").asText())
                    .isEqualTo("OFFBOARD");
              })
          .extracting(child -> child.path("name").asText().substring(0, 14))
          .containsExactlyInAnyOrder("d-studiolocal0", "d-studiolocal0");
    }
  }

  @Test
  void aFailedExecutionInJsonStillExitsOneAndAnUnknownFormatIsBadInput() throws IOException {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(run("invalid-request.json", "studio-domains.json", "--output", "json"));

      assertThat(exit).isEqualTo(1);
      JsonNode document = JSON.readTree(command.out());
      assertThat(document.path("status").asText()).isEqualTo("FAILED");
      assertThat(document.path("error").asText()).isNotBlank();
    }
    assertThat(twoWith(run("onboard-iam-new-role.json", "demo.json", "--output", "yaml")))
        .contains("--output: must be text or json, not yaml");
  }

  /** Runs an input on a scenario with {@code --timeline <file>}; the file's text. */
  private String timeline(String input, String scenario, String file) throws IOException {
    Path written = dir.resolve(file);
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(run(input, scenario, "--timeline", written.toString()));
      assertThat(exit).as(command.err()).isZero();
    }
    return Files.readString(written);
  }

  private static Document parsed(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void withTimelineItWritesAPageWhosePictureHasABarPerStateAndMarksTheRetries() throws Exception {
    // Well-formed XHTML: what a browser opens, parsed strictly here.
    Document html = parsed(timeline("onboard-iam-new-role.json", "demo.json", "timeline.html"));
    NodeList groups = html.getElementsByTagName("g");
    List<String> states = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      states.add(group.getAttribute("data-state"));
      NodeList lines = group.getElementsByTagName("line");
      for (int j = 0; j < lines.getLength(); j++) {
        failures.add(group.getAttribute("data-state") + ": " + lines.item(j).getTextContent());
      }
      Element bar = (Element) group.getElementsByTagName("rect").item(0);
      assertThat(Integer.parseInt(bar.getAttribute("width"))).isPositive();
    }
    assertThat(states)
        .containsExactly(
            "Validate",
            "OnboardOrOffboard",
            "CreateExecutionRole",
            "CreateUserProfile",
            "AwaitProfileReady",
            "NotifyOnboarded");
    assertThat(failures)
        .contains("CreateUserProfile: dev.studiolifecycle.error.RoleNotYetAssumable");
  }

  @Test
  void theReadmesTimelinePictureIsTheOffboardingAsItRunsNow() throws Exception {
    String drawn =
        timeline("offboard-delete-role.json", "offboard-delete-role.json", "timeline.svg");

    // A standalone SVG document: what the README shows as an image, parsed strictly here.
    Document svg = parsed(drawn);
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getElementsByTagName("text").item(0).getTextContent())
        .isEqualTo("hr-2026-000417 (studio-lifecycle-StudioUserLifecycle): SUCCEEDED");
    assertThat(Files.readString(ROOT.resolve("docs/offboard-delete-role-timeline.svg")))
        .as(
            "docs/offboard-delete-role-timeline.svg, the README's picture; regenerate it with the"
                + " run command under \"The lifecycle\" in README.md")
        .isEqualTo(drawn);
  }

  @Test
  void templateParametersChangeTheRun() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              run(
                  "offboard-delete-role.json",
                  "offboarding-jane-doe.json",
                  "--parameter",
                  "MaxAppDeletionWaitSeconds=60"));

      assertThat(exit).isEqualTo(1);
      assertThat(command.out())
          .contains(
              "FAILED at +00:01:00 (virtual time): dev.studiolifecycle.error.WaitTimedOut: gave up"
                  + " after 60 seconds (MaxAppDeletionWaitSeconds 60)");
    }
  }

  @Test
  void badInputOrUsageExitsTwoWithAClearMessage() throws IOException {
    Path notAnObject = Files.writeString(dir.resolve("list.json"), "[1, 2]");
    Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"action\": ");
    Path badScenario =
        Files.writeString(
            dir.resolve("scenario.json"),
            "{\"sagemaker\": {\"domains\": [{\"domainName\": \"x\", \"authMode\": \"LDAP\"}]}}");
    String input = events("statemachine/onboard-iam-new-role.json");
    String root = ROOT.toString();

    assertThat(twoWith("run", dir.resolve("missing.json").toString(), "--project-root", root))
        .contains("missing.json: no such file");
    assertThat(twoWith("run", notAnObject.toString(), "--project-root", root))
        .contains("list.json: the state machine input must be a JSON object");
    assertThat(twoWith("run", notJson.toString(), "--project-root", root))
        .contains("broken.json: not valid JSON");
    assertThat(twoWith("run", input, "--project-root", dir.toString()))
        .contains("has no template.yaml and statemachine/")
        .contains("run this command from the project's root folder");
    assertThat(twoWith("run", input, "--project-root", root, "--scenario", badScenario.toString()))
        .contains("scenario.json")
        .contains("authMode");
    assertThat(twoWith("run", input, "--project-root", root, "--parameter", "NoSuch=1"))
        .contains("NoSuch");
    assertThat(twoWith("run")).contains("Missing required parameter: '<input.json>'");
  }

  @Test
  void inputNestedDeeperThanAJsonReaderAllowsOrWithAKeyTwiceIsRefusedNamingTheProblem()
      throws IOException {
    Path deep =
        Files.writeString(
            dir.resolve("deep.json"),
            "{\"action\": \"ONBOARD\", \"tags\": " + "[".repeat(3000) + "]".repeat(3000) + "}");
    Path twice =
        Files.writeString(
            dir.resolve("twice.json"),
            "{\"action\": \"ONBOARD\", \"userProfileName\": \"a\", \"userProfileName\": \"b\"}");
    String root = ROOT.toString();

    assertThat(twoWith("run", deep.toString(), "--project-root", root))
        .contains("deep.json: not valid JSON: Document nesting depth (1001) exceeds the maximum")
        .doesNotContain("Exception");
    assertThat(twoWith("run", twice.toString(), "--project-root", root))
        .contains("twice.json: not valid JSON: Duplicate field 'userProfileName' (line 1, column");
  }

  private static String twoWith(String... args) {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(args);
      assertThat(exit)
          .as(String.join(" ", args) + "\n" + command.out() + command.err())
          .isEqualTo(2);
      assertThat(command.out()).isEmpty();
      return command.err();
    }
  }
}
