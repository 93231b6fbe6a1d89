package dev.studiolifecycle.local.emulator.scenario;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.emulator.iam.ManagedPolicySeed;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.identitycenter.IdentityCenter;
import dev.studiolifecycle.local.emulator.sagemaker.AppBehaviour;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerTimings;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A scenario's seeds and settings put into the emulator: IAM's policies and roles, Identity
 * Center's directory and assignments, SageMaker's domains with their profiles, spaces and apps, the
 * timings.
 */
final class ScenarioSeeds {

  private ScenarioSeeds() {}

  static void applyIam(Scenario.Iam iam, AwsEmulator emulator, ScenarioPath at) {
    IamService service = emulator.iam();
    if (iam.propagationDelay() != null) {
      service.setPropagationDelay(
          ScenarioPath.duration(iam.propagationDelay(), at.field("propagationDelay")));
    }
    at.each(
        "policies",
        iam.policies(),
        (policy, here) -> {
          String document = ScenarioPath.document(policy.policyDocument());
          here.run(
              () ->
                  service.seedManagedPolicy(
                      new ManagedPolicySeed(policy.policyName(), policy.path(), document)));
        });
    at.each(
        "roles",
        iam.roles(),
        (role, here) -> {
          Map<String, String> inline = new LinkedHashMap<>();
          ScenarioPath.map(role.inlinePolicies())
              .forEach((name, doc) -> inline.put(name, ScenarioPath.document(doc)));
          String trust = ScenarioPath.document(role.assumeRolePolicyDocument());
          here.run(
              () ->
                  service.seedRole(
                      new RoleSeed(
                          role.roleName(),
                          role.path(),
                          trust,
                          role.description(),
                          role.permissionsBoundaryArn(),
                          ScenarioPath.map(role.tags()),
                          ScenarioPath.list(role.attachedPolicyArns()),
                          inline)));
        });
  }

  /** The identity store's groups, then its users with their memberships. */
  static void applyDirectory(
      Scenario.IdentityCenter directory, AwsEmulator emulator, ScenarioPath at) {
    IdentityCenter center = emulator.identityCenter();
    at.each("groups", directory.groups(), (group, here) -> here.run(() -> center.seedGroup(group)));
    at.each(
        "users",
        directory.users(),
        (user, here) ->
            here.run(
                () -> {
                  center.seedUser(user.userName(), user.displayName(), user.email(), user.userId());
                  ScenarioPath.list(user.groups())
                      .forEach(group -> center.seedMembership(group, user.userName()));
                }));
  }

  /** Who is assigned to the SSO domains' applications: needs the domains seeded. */
  static void applyAssignments(
      Scenario.IdentityCenter directory, AwsEmulator emulator, ScenarioPath at) {
    at.each(
        "assignments",
        directory.assignments(),
        (assignment, here) ->
            here.run(
                () ->
                    emulator
                        .identityCenter()
                        .seedAssignment(
                            assignment.domainId(), assignment.user(), assignment.group())));
  }

  static void applySageMaker(Scenario.SageMaker sageMaker, AwsEmulator emulator, ScenarioPath at) {
    if (sageMaker.runningAppQuota() != null) {
      at.field("runningAppQuota")
          .run(() -> emulator.sageMaker().setRunningAppQuota(sageMaker.runningAppQuota()));
    }
    at.each("domains", sageMaker.domains(), (domain, here) -> seedDomain(domain, emulator, here));
  }

  private static void seedDomain(Scenario.Domain domain, AwsEmulator emulator, ScenarioPath here) {
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
                            ScenarioPath.map(domain.tags()))));
    here.each(
        "userProfiles",
        domain.userProfiles(),
        (profile, p) ->
            p.run(() -> emulator.sageMaker().seedUserProfile(profile(domainId, profile, p))));
    here.each(
        "spaces",
        domain.spaces(),
        (space, s) -> s.run(() -> emulator.sageMaker().seedSpace(space(domainId, space, s))));
    here.each(
        "apps",
        domain.apps(),
        (app, a) -> a.run(() -> emulator.sageMaker().seedApp(app(domainId, app, emulator, a))));
  }

  private static UserProfileSeed profile(
      String domainId, Scenario.UserProfile profile, ScenarioPath at) {
    return new UserProfileSeed(
        domainId,
        profile.userProfileName(),
        status(profile.status(), ResourceStatus.IN_SERVICE, ResourceStatus::fromWire, at),
        profile.userSettings(),
        profile.singleSignOnUserValue(),
        ScenarioPath.map(profile.tags()),
        Boolean.TRUE.equals(profile.deletionFails()),
        profile.failureReason());
  }

  private static SpaceSeed space(String domainId, Scenario.Space space, ScenarioPath at) {
    return new SpaceSeed(
        domainId,
        space.spaceName(),
        space.ownerUserProfileName(),
        space.sharingType(),
        status(space.status(), ResourceStatus.IN_SERVICE, ResourceStatus::fromWire, at),
        space.spaceSettings(),
        ScenarioPath.map(space.tags()));
  }

  private static AppSeed app(
      String domainId, Scenario.App app, AwsEmulator emulator, ScenarioPath at) {
    AppStatus status = status(app.status(), AppStatus.IN_SERVICE, AppStatus::fromWire, at);
    AppBehaviour behaviour =
        ScenarioFaults.adjust(AppBehaviour.defaults(emulator.sageMaker().timings()), app, at);
    return new AppSeed(
        domainId,
        app.userProfileName(),
        app.spaceName(),
        app.appType(),
        app.appName(),
        status,
        app.instanceType(),
        behaviour,
        null,
        ScenarioPath.map(app.tags()));
  }

  /** The status a resource is seeded in: {@code absent} when the file gives none. */
  private static <S> S status(
      String text, S absent, Function<String, S> fromWire, ScenarioPath at) {
    return text == null ? absent : at.field("status").call(() -> fromWire.apply(text));
  }

  /** The defaults, with the durations the file gives instead. */
  static SageMakerTimings timings(Scenario.Timings t, ScenarioPath at) {
    SageMakerTimings d = SageMakerTimings.defaults();
    return new SageMakerTimings(
        ScenarioPath.duration(t.domainReady(), d.domainReady(), at.field("domainReady")),
        ScenarioPath.duration(
            t.userProfileReady(), d.userProfileReady(), at.field("userProfileReady")),
        ScenarioPath.duration(
            t.userProfileUpdate(), d.userProfileUpdate(), at.field("userProfileUpdate")),
        ScenarioPath.duration(
            t.userProfileDelete(), d.userProfileDelete(), at.field("userProfileDelete")),
        ScenarioPath.duration(t.appStart(), d.appStart(), at.field("appStart")),
        ScenarioPath.duration(t.appDelete(), d.appDelete(), at.field("appDelete")),
        ScenarioPath.duration(
            t.deletedAppRetention(), d.deletedAppRetention(), at.field("deletedAppRetention")),
        ScenarioPath.duration(t.spaceReady(), d.spaceReady(), at.field("spaceReady")),
        ScenarioPath.duration(t.spaceDelete(), d.spaceDelete(), at.field("spaceDelete")));
  }
}
