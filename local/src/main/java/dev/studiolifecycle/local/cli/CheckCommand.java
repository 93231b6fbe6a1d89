package dev.studiolifecycle.local.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.runtime.DeliveryChecks;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code studio-lifecycle check}: deploys template.yaml (with the given parameters) into the
 * embedded emulator as {@code sam deploy} would, and checks every delivery AWS makes on its behalf
 * with the grants AWS reads for it ({@link DeliveryChecks}): what CloudFormation deploys without a
 * word but AWS then drops at run time.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Deploy template.yaml into the embedded emulator as sam deploy would (what CloudFormation"
          + " or the service it calls refuses fails here too: IAM, KMS, Lambda, Step Functions,"
          + " SNS, SQS, S3, DynamoDB, CloudWatch, CloudWatch Logs, EventBridge), then check every"
          + " delivery AWS makes on its behalf with the grants AWS reads: alarms to their topics,"
          + " the metrics alarms watch and dashboards graph, rules to their targets"
          + " and dead-letter queues, SNS subscriptions' dead-letter queues, schedules to their"
          + " targets and dead-letter queues, functions' failed invocations to their OnFailure"
          + " queues. AWS deploys a template that forgets one, and then drops the alarm, event or"
          + " record without a word.",
      "Run it from the project's root folder, with the parameters you deploy with. Exit 0 when"
          + " every delivery has its grants, 1 when AWS would drop one, 2 when the template does"
          + " not deploy or for bad usage."
    },
    footer = {
      "",
      "Examples:",
      "  studio-lifecycle check",
      "  studio-lifecycle check --parameter DomainId=d-abc123def456 --parameter HrEventAccount=111122223333",
      "  studio-lifecycle check --stack-name studio-lifecycle-prod"
    })
public final class CheckCommand extends ScenarioCommand {

  @Mixin ProjectOptions.ProjectRootOption root;

  @Mixin OutputOption output;

  public CheckCommand() {
    super("check: ");
  }

  @Override
  int run(PrintWriter stdout, PrintWriter err) {
    PrintWriter out = output.textTo(stdout);
    Path project = root.checked();
    LocalWorkflowRuntime.Builder builder =
        LocalWorkflowRuntime.builder(project)
            .scenario(
                ScenarioLoader.load(scenarios.resolve(project, HrEventCommand.DEFAULT_SCENARIO)))
            .iamEnforced(true)
            .handlerOutput(new PrintStream(OutputStream.nullOutputStream()));
    scenarios.parameters.forEach(builder::parameter);
    builder.stackName(scenarios.stackName);
    List<DeliveryChecks.Check> checks;
    try (LocalWorkflowRuntime runtime = builder.build()) {
      out.println(
          "Deployed "
              + project.resolve("template.yaml")
              + ": "
              + runtime.template().functions().size()
              + " functions, "
              + runtime.template().stateMachines().size()
              + " state machines, "
              + runtime.template().topics().size()
              + " topics");
      checks = DeliveryChecks.of(runtime);
    }
    long dropped = checks.stream().filter(check -> check.problem().isPresent()).count();
    for (DeliveryChecks.Check check : checks) {
      out.println(
          check
              .problem()
              .map(why -> "DROPPED " + check.delivery() + ": " + why)
              .orElse("ok      " + check.delivery()));
    }
    out.println(
        checks.size()
            + " deliveries checked, "
            + (dropped == 0 ? "none" : String.valueOf(dropped))
            + " that AWS would drop");
    if (output.json()) {
      ObjectNode document = LocalJson.MAPPER.createObjectNode();
      ArrayNode items = document.putArray("deliveries");
      for (DeliveryChecks.Check check : checks) {
        ObjectNode item = items.addObject().put("delivery", check.delivery());
        item.put("problem", check.problem().orElse(null));
      }
      document.put("dropped", dropped);
      stdout.println(document);
    }
    return dropped == 0 ? OK : FAILED;
  }
}
