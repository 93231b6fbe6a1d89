package dev.studiolifecycle.local.emulator.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.SeedException;
import dev.studiolifecycle.local.emulator.StudioUserCaller;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.iam.ManagedPolicySeed;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppBehaviour;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppSelector;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerService;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerTimings;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads scenario files (strict JSON: unknown fields are errors) and applies them to an emulator.
 * Every error names the file and the field, e.g. {@code sagemaker.domains[0].apps[1].status}.
 */
public final class ScenarioLoader {

  private static final JsonNodeFactory JSON_NODES = JsonNodeFactory.instance;

  private ScenarioLoader() {}

  public static Scenario load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ScenarioException("scenario file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses scenario JSON; {@code source} names it in error messages. */
  public static Scenario parse(String json, String source) {
    try {
      Scenario scenario = LocalJson.STRICT.forType(Scenario.class).readValue(json);
      if (scenario == null) {
        throw new ScenarioException("scenario " + source + " is empty: expected a JSON object");
      }
      return scenario;
    } catch (JsonMappingException e) {
      throw new ScenarioException(
          "scenario "
              + source
              + ": at "
              + path(e)
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(
          "scenario "
              + source
              + " is not valid JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ")",
          e);
    }
  }

  /** Builds an emulator with the scenario's settings that must be known up front. */
  public static AwsEmulator.Builder configure(Scenario scenario, AwsEmulator.Builder builder) {
    if (scenario.randomSeed() != null) {
      builder.randomSeed(scenario.randomSeed());
    }
    return builder;
  }

  /** Seeds the emulator and installs the faults, in dependency order (policies, roles, ...). */
  public static void apply(Scenario scenario, AwsEmulator emulator) {
    Context at = new Context("");
    if (scenario.timings() != null) {
      emulator.sageMaker().setTimings(timings(scenario.timings(), at.field("timings")));
    }
    if (scenario.iam() != null) {
      applyIam(scenario.iam(), emulator, at.field("iam"));
    }
    if (scenario.sns() != null) {
      at.field("sns")
          .each(
              "topics",
              scenario.sns().topics(),
              (topic, here) -> here.run(() -> emulator.sns().seedTopic(topic)));
    }
    if (scenario.sagemaker() != null) {
      applySageMaker(scenario.sagemaker(), emulator, at.field("sagemaker"));
    }
    if (scenario.faults() != null) {
      applyFaults(scenario.faults(), emulator, at.field("faults"));
    }
    if (scenario.timeline() != null) {
      applyTimeline(scenario.timeline(), emulator, at);
    }
  }

  /** The SageMaker call a timeline entry makes, and how a report names it. */
  private record UserCall(String operation, ObjectNode input, String description) {}

  /**
   * Schedules the users' actions at their times after now, each checked first: a mistake in the
   * file is reported when it loads, not when the action comes due.
   */
  private static void applyTimeline(
      List<Scenario.TimelineEntry> entries, AwsEmulator emulator, Context at) {
    Instant start = emulator.clock().instant();
    at.each("timeline", entries, (entry, here) -> schedule(entry, start, emulator, here));
  }

  private static void schedule(
      Scenario.TimelineEntry entry, Instant start, AwsEmulator emulator, Context here) {
    if (entry == null) {
      throw here.error("must be an object with 'at' and one action");
    }
    required(entry.at(), here.field("at"));
    Duration after = duration(entry.at(), here.field("at"));
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

  private static UserCall createApp(Scenario.CreateApp app, AwsEmulator emulator, Context at) {
    ObjectNode input =
        appKey(
            app.domainId(),
            app.userProfileName(),
            app.spaceName(),
            app.appType(),
            app.appName(),
            emulator,
            at);
    if (app.instanceType() != null) {
      if (!SageMakerService.isAppInstanceType(app.instanceType())) {
        throw at.field("instanceType")
            .error("'" + app.instanceType() + "' is not an instance type SageMaker apps run on");
      }
      input.putObject("ResourceSpec").put("InstanceType", app.instanceType());
    }
    return new UserCall("CreateApp", input, "CreateApp " + appName(input));
  }

  private static UserCall deleteApp(Scenario.DeleteApp app, AwsEmulator emulator, Context at) {
    ObjectNode input =
        appKey(
            app.domainId(),
            app.userProfileName(),
            app.spaceName(),
            app.appType(),
            app.appName(),
            emulator,
            at);
    return new UserCall("DeleteApp", input, "DeleteApp " + appName(input));
  }

  private static UserCall createSpace(
      Scenario.CreateSpace space, AwsEmulator emulator, Context at) {
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
      Scenario.DeleteSpace space, AwsEmulator emulator, Context at) {
    ObjectNode input = JSON_NODES.objectNode();
    input.put("DomainId", domainOf(space.domainId(), emulator, at));
    input.put("SpaceName", name(space.spaceName(), at.field("spaceName")));
    return new UserCall("DeleteSpace", input, "DeleteSpace " + space.spaceName());
  }

  /** DomainId, UserProfileName or SpaceName, AppType and AppName, each checked. */
  private static ObjectNode appKey(
      String domainId,
      String userProfileName,
      String spaceName,
      String appType,
      String appName,
      AwsEmulator emulator,
      Context at) {
    ObjectNode input = JSON_NODES.objectNode();
    input.put("DomainId", domainOf(domainId, emulator, at));
    if ((userProfileName == null) == (spaceName == null)) {
      throw at.error("give exactly one of userProfileName and spaceName");
    }
    if (userProfileName != null) {
      input.put("UserProfileName", name(userProfileName, at.field("userProfileName")));
    } else {
      input.put("SpaceName", name(spaceName, at.field("spaceName")));
    }
    input.put("AppType", appType(appType, at));
    input.put("AppName", name(appName, at.field("appName")));
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

  private static String domainOf(String domainId, AwsEmulator emulator, Context at) {
    required(domainId, at.field("domainId"));
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

  private static String appType(String appType, Context at) {
    required(appType, at.field("appType"));
    if (!SageMakerService.appTypes().contains(appType)) {
      throw at.field("appType")
          .error("'" + appType + "' is not one of " + SageMakerService.appTypes());
    }
    return appType;
  }

  private static String name(String value, Context at) {
    required(value, at);
    if (!SageMakerService.isValidName(value)) {
      throw at.error(
          "'" + value + "' must match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (a SageMaker name)");
    }
    return value;
  }

  private static void applyIam(Scenario.Iam iam, AwsEmulator emulator, Context at) {
    if (iam.propagationDelay() != null) {
      emulator
          .iam()
          .setPropagationDelay(duration(iam.propagationDelay(), at.field("propagationDelay")));
    }
    at.each(
        "policies",
        iam.policies(),
        (policy, here) -> {
          here.run(
              () ->
                  emulator
                      .iam()
                      .seedManagedPolicy(
                          new ManagedPolicySeed(
                              policy.policyName(),
                              policy.path(),
                              document(policy.policyDocument()))));
        });
    at.each(
        "roles",
        iam.roles(),
        (role, here) -> {
          Map<String, String> inline = new LinkedHashMap<>();
          map(role.inlinePolicies()).forEach((name, doc) -> inline.put(name, document(doc)));
          here.run(
              () ->
                  emulator
                      .iam()
                      .seedRole(
                          new RoleSeed(
                              role.roleName(),
                              role.path(),
                              role.assumeRolePolicyDocument() == null
                                  ? null
                                  : document(role.assumeRolePolicyDocument()),
                              role.description(),
                              role.permissionsBoundaryArn(),
                              map(role.tags()),
                              list(role.attachedPolicyArns()),
                              inline)));
        });
  }

  private static void applySageMaker(
      Scenario.SageMaker sageMaker, AwsEmulator emulator, Context at) {
    if (sageMaker.runningAppQuota() != null) {
      at.field("runningAppQuota")
          .run(() -> emulator.sageMaker().setRunningAppQuota(sageMaker.runningAppQuota()));
    }
    at.each("domains", sageMaker.domains(), (domain, here) -> seedDomain(domain, emulator, here));
  }

  private static void seedDomain(Scenario.Domain domain, AwsEmulator emulator, Context here) {
    String domainId =
        here.call(
            () ->
                emulator
                    .sageMaker()
                    .seedDomain(
                        new DomainSeed(
                            domain.domainId(),
                            domain.domainName(),
                            domain.authMode(),
                            domain.defaultUserSettings(),
                            map(domain.tags()))));
    here.each(
        "userProfiles",
        domain.userProfiles(),
        (profile, p) -> {
          ResourceStatus status =
              status(profile.status(), ResourceStatus.IN_SERVICE, ResourceStatus::fromWire, p);
          p.run(
              () ->
                  emulator
                      .sageMaker()
                      .seedUserProfile(
                          new UserProfileSeed(
                              domainId,
                              profile.userProfileName(),
                              status,
                              profile.userSettings(),
                              profile.singleSignOnUserValue(),
                              map(profile.tags()),
                              Boolean.TRUE.equals(profile.deletionFails()),
                              profile.failureReason())));
        });
    here.each(
        "spaces",
        domain.spaces(),
        (space, s) -> {
          ResourceStatus status =
              status(space.status(), ResourceStatus.IN_SERVICE, ResourceStatus::fromWire, s);
          s.run(
              () ->
                  emulator
                      .sageMaker()
                      .seedSpace(
                          new SpaceSeed(
                              domainId,
                              space.spaceName(),
                              space.ownerUserProfileName(),
                              space.sharingType(),
                              status,
                              space.spaceSettings(),
                              map(space.tags()))));
        });
    here.each(
        "apps",
        domain.apps(),
        (app, a) -> {
          AppStatus status = status(app.status(), AppStatus.IN_SERVICE, AppStatus::fromWire, a);
          AppBehaviour behaviour =
              adjust(AppBehaviour.defaults(emulator.sageMaker().timings()), app, a);
          a.run(
              () ->
                  emulator
                      .sageMaker()
                      .seedApp(
                          new AppSeed(
                              domainId,
                              app.userProfileName(),
                              app.spaceName(),
                              app.appType(),
                              app.appName(),
                              status,
                              app.instanceType(),
                              behaviour,
                              null,
                              map(app.tags()))));
        });
  }

  /** The status a resource is seeded in: {@code absent} when the file gives none. */
  private static <S> S status(String text, S absent, Function<String, S> fromWire, Context at) {
    return text == null ? absent : at.field("status").call(() -> fromWire.apply(text));
  }

  private static void applyFaults(Scenario.Faults faults, AwsEmulator emulator, Context at) {
    at.each(
        "throttling",
        faults.throttling(),
        (throttle, here) -> {
          required(throttle.service(), here.field("service"));
          required(throttle.ratePerSecond(), here.field("ratePerSecond"));
          required(throttle.burst(), here.field("burst"));
          requireService(emulator, throttle.service(), here.field("service"));
          here.run(
              () ->
                  emulator
                      .faults()
                      .throttle(
                          throttle.service(),
                          throttle.operation() == null ? "*" : throttle.operation(),
                          throttle.ratePerSecond(),
                          throttle.burst()));
        });
    at.each("failures", faults.failures(), (failure, here) -> fail(failure, emulator, here));
    at.each(
        "apps",
        faults.apps(),
        (fault, here) -> {
          Scenario.AppMatch match =
              fault.match() == null
                  ? new Scenario.AppMatch(null, null, null, null, null)
                  : fault.match();
          AppSelector selector =
              new AppSelector(
                  match.domainId(),
                  match.userProfileName(),
                  match.spaceName(),
                  match.appType(),
                  match.appName());
          // Checked now, so that a mistake is reported when the scenario loads, not on first use.
          adjust(AppBehaviour.defaults(emulator.sageMaker().timings()), fault, here);
          emulator.sageMaker().adjustApps(selector, behaviour -> adjust(behaviour, fault, here));
        });
    for (Scenario.UserProfileDeletionFault fault : list(faults.userProfileDeletions())) {
      emulator.sageMaker().failUserProfileDeletion(fault.domainId(), fault.userProfileName());
    }
  }

  private static void fail(Scenario.Failure failure, AwsEmulator emulator, Context here) {
    required(failure.service(), here.field("service"));
    required(failure.error(), here.field("error"));
    requireService(emulator, failure.service(), here.field("service"));
    InjectedFailure error =
        here.field("error").call(() -> InjectedFailure.fromCode(failure.error()));
    String operation = failure.operation() == null ? "*" : failure.operation();
    if ((failure.times() == null) == (failure.probability() == null)) {
      throw here.error("give exactly one of 'times' and 'probability'");
    }
    if (failure.times() != null) {
      here.field("times")
          .run(
              () ->
                  emulator
                      .faults()
                      .failTimes(failure.service(), operation, error, failure.times()));
    } else {
      here.field("probability")
          .run(
              () ->
                  emulator
                      .faults()
                      .failWithProbability(
                          failure.service(), operation, error, failure.probability()));
    }
  }

  private static AppBehaviour adjust(
      AppBehaviour behaviour, Scenario.AppBehaviourChanges changes, Context at) {
    AppBehaviour result = behaviour;
    if (changes.startDuration() != null) {
      result =
          result.withStartDuration(duration(changes.startDuration(), at.field("startDuration")));
    }
    if (changes.deleteDuration() != null) {
      result =
          result.withDeleteDuration(duration(changes.deleteDuration(), at.field("deleteDuration")));
    }
    if (Boolean.TRUE.equals(changes.failOnCreate())) {
      result = result.failingOnCreate();
    }
    String onDelete = changes.onDelete();
    if (onDelete != null) {
      result =
          result.withOnDelete(
              switch (onDelete) {
                case "Deleted" -> AppBehaviour.DeleteOutcome.DELETED;
                case "Failed" -> AppBehaviour.DeleteOutcome.FAILED;
                case "StuckDeleting" -> AppBehaviour.DeleteOutcome.STUCK_DELETING;
                default ->
                    throw at.field("onDelete")
                        .error("'" + onDelete + "' is not one of Deleted, Failed, StuckDeleting");
              });
    }
    if (changes.failureReason() != null) {
      result = result.withFailureReason(changes.failureReason());
    }
    return result;
  }

  /** The defaults, with the durations the file gives instead. */
  private static SageMakerTimings timings(Scenario.Timings t, Context at) {
    SageMakerTimings d = SageMakerTimings.defaults();
    return new SageMakerTimings(
        duration(t.domainReady(), d.domainReady(), at.field("domainReady")),
        duration(t.userProfileReady(), d.userProfileReady(), at.field("userProfileReady")),
        duration(t.userProfileUpdate(), d.userProfileUpdate(), at.field("userProfileUpdate")),
        duration(t.userProfileDelete(), d.userProfileDelete(), at.field("userProfileDelete")),
        duration(t.appStart(), d.appStart(), at.field("appStart")),
        duration(t.appDelete(), d.appDelete(), at.field("appDelete")),
        duration(t.deletedAppRetention(), d.deletedAppRetention(), at.field("deletedAppRetention")),
        duration(t.spaceReady(), d.spaceReady(), at.field("spaceReady")),
        duration(t.spaceDelete(), d.spaceDelete(), at.field("spaceDelete")));
  }

  private static Duration duration(String text, Duration absent, Context at) {
    return text == null ? absent : duration(text, at);
  }

  private static Duration duration(String text, Context at) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative()) {
        throw at.error("'" + text + "' is negative");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw at.error("'" + text + "' is not an ISO-8601 duration such as PT30S or PT2M");
    }
  }

  private static String document(JsonNode node) {
    if (node == null) {
      return null;
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  private static void requireService(AwsEmulator emulator, String service, Context at) {
    if (!emulator.serviceNames().contains(service)) {
      throw at.error(
          "unknown service '" + service + "'; the emulator serves " + emulator.serviceNames());
    }
  }

  private static void required(Object value, Context at) {
    if (value == null) {
      throw at.error("is required");
    }
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }

  private static <K, V> Map<K, V> map(Map<K, V> items) {
    return items == null ? Map.of() : items;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(top level)" : path.toString();
  }

  /** Where in the scenario a value sits, for error messages. */
  private record Context(String path) {
    Context field(String name) {
      return new Context(path.isEmpty() ? name : path + "." + name);
    }

    Context index(String list, int index) {
      return new Context(field(list).path() + "[" + index + "]");
    }

    /** Runs {@code action} on each item of the named list (none when absent), at its index. */
    <T> void each(String list, List<T> items, BiConsumer<T, Context> action) {
      List<T> present = list(items);
      for (int i = 0; i < present.size(); i++) {
        action.accept(present.get(i), index(list, i));
      }
    }

    ScenarioException error(String message) {
      return new ScenarioException("scenario: " + path + ": " + message);
    }

    void run(Runnable action) {
      call(
          () -> {
            action.run();
            return null;
          });
    }

    <T> T call(Supplier<T> action) {
      try {
        return action.get();
      } catch (SeedException e) {
        Context at = e.field() == null ? this : field(e.field());
        throw new ScenarioException("scenario: " + at.path + ": " + e.reason(), e);
      } catch (IllegalArgumentException e) {
        throw new ScenarioException("scenario: " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
