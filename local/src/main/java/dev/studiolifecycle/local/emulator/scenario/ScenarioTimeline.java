package dev.studiolifecycle.local.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.StudioUserCaller;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's timeline: the Studio users' actions, each checked when the file loads and scheduled
 * at its time.
 */
final class ScenarioTimeline {

  private static final JsonNodeFactory JSON_NODES = JsonNodeFactory.instance;

  private ScenarioTimeline() {}

  /** The SageMaker call a timeline entry makes, and how a report names it. */
  private record UserCall(String operation, ObjectNode input, String description) {}

  /**
   * Schedules the users' actions at their times after now, each checked first: a mistake in the
   * file is reported when it loads, not when the action comes due.
   */
  static void applyTimeline(
      List<Scenario.TimelineEntry> entries, AwsEmulator emulator, ScenarioPath at) {
    Instant start = emulator.clock().instant();
    at.each("timeline", entries, (entry, here) -> schedule(entry, start, emulator, here));
  }

  private static void schedule(
      Scenario.TimelineEntry entry, Instant start, AwsEmulator emulator, ScenarioPath here) {
    if (entry == null) {
      throw here.error("must be an object with 'at' and one action");
    }
    ScenarioPath.required(entry.at(), here.field("at"));
    Duration after = ScenarioPath.duration(entry.at(), here.field("at"));
    List<String> actions = new ArrayList<>();
    if (entry.createApp() != null) {
      actions.add("createApp");
    }
    if (entry.deleteApp() != null) {
      actions.add("deleteApp");
    }
    if (entry.createSpace() != null) {
      actions.add("createSpace");
    }
    if (entry.deleteSpace() != null) {
      actions.add("deleteSpace");
    }
    if (actions.size() != 1) {
      throw here.error(
          "give exactly one of createApp, deleteApp, createSpace, deleteSpace"
              + (actions.isEmpty() ? "" : ", not " + String.join(" and ", actions)));
    }
    UserCall call =
        switch (actions.get(0)) {
          case "createApp" -> createApp(entry.createApp(), emulator, here.field("createApp"));
          case "deleteApp" -> deleteApp(entry.deleteApp(), emulator, here.field("deleteApp"));
          case "createSpace" ->
              createSpace(entry.createSpace(), emulator, here.field("createSpace"));
          default -> deleteSpace(entry.deleteSpace(), emulator, here.field("deleteSpace"));
        };
    emulator
        .scheduledActions()
        .schedule(
            start.plus(after),
            call.description(),
            when ->
                emulator.performAsUser(
                    userOf(call, emulator), call.operation(), call.input(), when));
  }

  /**
   * The Studio user who makes a timeline call: the profile it names, the owner of the space it
   * names, or the owner a new space is given; null when the space does not exist (SageMaker then
   * refuses the call itself).
   */
  private static StudioUserCaller userOf(UserCall call, AwsEmulator emulator) {
    JsonNode input = call.input();
    String domainId = input.path("DomainId").asText();
    String user = input.path("UserProfileName").asText(null);
    if (user == null) {
      user = input.path("OwnershipSettings").path("OwnerUserProfileName").asText(null);
    }
    if (user == null && input.has("SpaceName")) {
      user =
          emulator.sageMaker().spaceOwner(domainId, input.get("SpaceName").asText()).orElse(null);
    }
    return user == null ? null : new StudioUserCaller(domainId, user);
  }

  private static UserCall createApp(Scenario.CreateApp app, AwsEmulator emulator, ScenarioPath at) {
    ObjectNode input = appKey(app, emulator, at);
    if (app.instanceType() != null) {
      if (!SageMakerService.isAppInstanceType(app.instanceType())) {
        throw at.field("instanceType")
            .error("'" + app.instanceType() + "' is not an instance type SageMaker apps run on");
      }
      input.putObject("ResourceSpec").put("InstanceType", app.instanceType());
    }
    return new UserCall("CreateApp", input, "CreateApp " + appName(input));
  }

  private static UserCall deleteApp(Scenario.DeleteApp app, AwsEmulator emulator, ScenarioPath at) {
    ObjectNode input = appKey(app, emulator, at);
    return new UserCall("DeleteApp", input, "DeleteApp " + appName(input));
  }

  private static UserCall createSpace(
      Scenario.CreateSpace space, AwsEmulator emulator, ScenarioPath at) {
    ObjectNode input = JSON_NODES.objectNode();
    input.put("DomainId", domainOf(space.domainId(), emulator, at));
    input.put("SpaceName", name(space.spaceName(), at.field("spaceName")));
    String owner = name(space.ownerUserProfileName(), at.field("ownerUserProfileName"));
    String sharing = space.sharingType() == null ? "Private" : space.sharingType();
    if (!List.of("Private", "Shared").contains(sharing)) {
      throw at.field("sharingType").error("'" + sharing + "' is not one of Private, Shared");
    }
    input.putObject("OwnershipSettings").put("OwnerUserProfileName", owner);
    input.putObject("SpaceSharingSettings").put("SharingType", sharing);
    if (space.appType() != null) {
      input.putObject("SpaceSettings").put("AppType", appType(space.appType(), at));
    }
    return new UserCall(
        "CreateSpace",
        input,
        "CreateSpace " + space.spaceName() + " (" + sharing + ", owner " + owner + ")");
  }

  private static UserCall deleteSpace(
      Scenario.DeleteSpace space, AwsEmulator emulator, ScenarioPath at) {
    ObjectNode input = JSON_NODES.objectNode();
    input.put("DomainId", domainOf(space.domainId(), emulator, at));
    input.put("SpaceName", name(space.spaceName(), at.field("spaceName")));
    return new UserCall("DeleteSpace", input, "DeleteSpace " + space.spaceName());
  }

  /** DomainId, UserProfileName or SpaceName, AppType and AppName, each checked. */
  private static ObjectNode appKey(Scenario.AppAction app, AwsEmulator emulator, ScenarioPath at) {
    ObjectNode input = JSON_NODES.objectNode();
    input.put("DomainId", domainOf(app.domainId(), emulator, at));
    if ((app.userProfileName() == null) == (app.spaceName() == null)) {
      throw at.error("give exactly one of userProfileName and spaceName");
    }
    if (app.userProfileName() != null) {
      input.put("UserProfileName", name(app.userProfileName(), at.field("userProfileName")));
    } else {
      input.put("SpaceName", name(app.spaceName(), at.field("spaceName")));
    }
    input.put("AppType", appType(app.appType(), at));
    input.put("AppName", name(app.appName(), at.field("appName")));
    return input;
  }

  /** {@code JupyterServer/default of user profile jane-doe}. */
  private static String appName(ObjectNode input) {
    String owner =
        input.has("UserProfileName")
            ? "user profile " + input.get("UserProfileName").asText()
            : "space " + input.get("SpaceName").asText();
    return input.get("AppType").asText() + "/" + input.get("AppName").asText() + " of " + owner;
  }

  private static String domainOf(String domainId, AwsEmulator emulator, ScenarioPath at) {
    ScenarioPath.required(domainId, at.field("domainId"));
    if (!emulator.sageMaker().domainIds().contains(domainId)) {
      throw at.field("domainId")
          .error(
              "'"
                  + domainId
                  + "' is not a domain of this scenario (sagemaker.domains has "
                  + emulator.sageMaker().domainIds()
                  + ")");
    }
    return domainId;
  }

  private static String appType(String appType, ScenarioPath at) {
    ScenarioPath.required(appType, at.field("appType"));
    if (!SageMakerService.appTypes().contains(appType)) {
      throw at.field("appType")
          .error("'" + appType + "' is not one of " + SageMakerService.appTypes());
    }
    return appType;
  }

  private static String name(String value, ScenarioPath at) {
    ScenarioPath.required(value, at);
    if (!SageMakerService.isValidName(value)) {
      throw at.error(
          "'" + value + "' must match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (a SageMaker name)");
    }
    return value;
  }
}
