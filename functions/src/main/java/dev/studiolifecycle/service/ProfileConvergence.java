package dev.studiolifecycle.service;

import dev.studiolifecycle.model.IdleShutdown;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sagemaker.model.AppLifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.CanvasAppSettings;
import software.amazon.awssdk.services.sagemaker.model.CodeEditorAppSettings;
import software.amazon.awssdk.services.sagemaker.model.DefaultEbsStorageSettings;
import software.amazon.awssdk.services.sagemaker.model.DefaultSpaceStorageSettings;
import software.amazon.awssdk.services.sagemaker.model.IdleSettings;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.LifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.MlTools;
import software.amazon.awssdk.services.sagemaker.model.RStudioServerProAppSettings;
import software.amazon.awssdk.services.sagemaker.model.ResourceSpec;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortal;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortalSettings;
import software.amazon.awssdk.services.sagemaker.model.TimeSeriesForecastingSettings;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * What it takes to bring an existing user profile of this workflow to a request: the members of
 * {@code UserSettings} to send to UpdateUserProfile, the tags to add or change, and every change in
 * words (before -> after) for the notification.
 *
 * <p>Only what the request decides is compared. The execution role, the hidden JumpStart and
 * Projects tools and a disabled Studio web portal (onboarding gives Studio back) always;
 * JupyterLab's default resource spec, idle shutdown (JupyterLab and Code Editor), private-space
 * storage, RStudio access and Canvas forecasting when the request names them. A member that changes
 * is sent whole, built from the profile's own member with only the request's fields changed,
 * because UpdateUserProfile replaces each member it is given (the API reference's UserSettings:
 * "the settings that apply to the user profile"), so what an administrator set beside them (custom
 * images, lifecycle configurations, other hidden tools) is kept. A tag the request leaves out is
 * left as it is, unless its key is one the team settings manage (some team sets it): then it is
 * deleted, so a move to a team without it does not keep the old team's value.
 */
public record ProfileConvergence(
    Optional<UserSettings> settingsUpdate,
    Map<String, String> tagsToSet,
    List<String> tagsToDelete,
    List<String> changes) {

  /** The hidden tools whose visibility a request decides (jumpStart, projects). */
  private static final Set<MlTools> REQUEST_TOOLS = Set.of(MlTools.JUMP_START, MlTools.PROJECTS);

  private static final String NONE = "(none)";

  private static final Function<String, String> TEXT = Function.identity();

  public ProfileConvergence {
    tagsToSet = Collections.unmodifiableMap(new LinkedHashMap<>(tagsToSet));
    tagsToDelete = List.copyOf(tagsToDelete);
    changes = List.copyOf(changes);
  }

  /** Whether the profile already is as requested. */
  public boolean unchanged() {
    return changes.isEmpty();
  }

  /**
   * Compares a profile with the settings and tags a request asks for.
   *
   * @param current the profile's settings as DescribeUserProfile gives them; null for none
   * @param wanted the settings built from the request ({@link UserProfileCreator#userSettings})
   * @param currentTags the profile's tags
   * @param wantedTags the tags the request asks for
   * @param managedTagKeys the tag keys the team settings manage: those the profile has and the
   *     request does not ask for are deleted
   */
  public static ProfileConvergence plan(
      UserSettings current,
      UserSettings wanted,
      Map<String, String> currentTags,
      Map<String, String> wantedTags,
      Collection<String> managedTagKeys) {
    UserSettings have = current == null ? UserSettings.builder().build() : current;
    UserSettings.Builder update = UserSettings.builder();
    List<String> changes = new ArrayList<>();
    boolean changed = false;
    if (differs("ExecutionRole", have.executionRole(), wanted.executionRole(), TEXT, changes)) {
      update.executionRole(wanted.executionRole());
      changed = true;
    }
    changed |= jupyterLab(have, wanted, update, changes);
    changed |= codeEditor(have, wanted, update, changes);
    changed |= spaceStorage(have, wanted, update, changes);
    changed |= rstudio(have, wanted, update, changes);
    changed |= canvas(have, wanted, update, changes);
    changed |= hiddenTools(have, wanted, update, changes);
    if (have.studioWebPortal() == StudioWebPortal.DISABLED) {
      // Onboarding gives Studio back, whoever (an offboarding, an administrator) took it away.
      update.studioWebPortal(StudioWebPortal.ENABLED);
      changes.add(change("StudioWebPortal", "DISABLED", "ENABLED"));
      changed = true;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    wantedTags.forEach(
        (key, value) -> {
          if (!value.equals(currentTags.get(key))) {
            tags.put(key, value);
            changes.add(change("tag " + key, currentTags.get(key), value));
          }
        });
    List<String> deleted = new ArrayList<>();
    currentTags.forEach(
        (key, value) -> {
          if (managedTagKeys.contains(key) && !wantedTags.containsKey(key)) {
            deleted.add(key);
            changes.add(change("tag " + key, value, null));
          }
        });
    return new ProfileConvergence(
        changed ? Optional.of(update.build()) : Optional.empty(), tags, deleted, changes);
  }

  private static boolean jupyterLab(
      UserSettings have, UserSettings wanted, UserSettings.Builder update, List<String> changes) {
    JupyterLabAppSettings want = wanted.jupyterLabAppSettings();
    if (want == null) {
      return false;
    }
    JupyterLabAppSettings had = have.jupyterLabAppSettings();
    AppLifecycleManagement idle =
        idle(
            "JupyterLabAppSettings",
            had == null ? null : had.appLifecycleManagement(),
            want.appLifecycleManagement(),
            changes);
    if (want.defaultResourceSpec() == null) {
      if (idle != null) {
        JupyterLabAppSettings.Builder member =
            had == null ? JupyterLabAppSettings.builder() : had.toBuilder();
        update.jupyterLabAppSettings(member.appLifecycleManagement(idle).build());
      }
      return idle != null;
    }
    ResourceSpec hadSpec = had == null ? null : had.defaultResourceSpec();
    ResourceSpec wantSpec = want.defaultResourceSpec();
    ResourceSpec.Builder spec = hadSpec == null ? ResourceSpec.builder() : hadSpec.toBuilder();
    String path = "JupyterLabAppSettings.DefaultResourceSpec.";
    boolean changed = false;
    String type = wantSpec.instanceTypeAsString();
    if (type != null
        && differs(
            path + "InstanceType",
            field(hadSpec, ResourceSpec::instanceTypeAsString),
            type,
            TEXT,
            changes)) {
      spec.instanceType(type);
      changed = true;
    }
    String image = wantSpec.sageMakerImageArn();
    if (image != null
        && differs(
            path + "SageMakerImageArn",
            field(hadSpec, ResourceSpec::sageMakerImageArn),
            image,
            TEXT,
            changes)) {
      spec.sageMakerImageArn(image);
      changed = true;
    }
    if (changed || idle != null) {
      JupyterLabAppSettings.Builder member =
          had == null ? JupyterLabAppSettings.builder() : had.toBuilder();
      member.defaultResourceSpec(changed ? spec.build() : hadSpec);
      if (idle != null) {
        member.appLifecycleManagement(idle);
      }
      update.jupyterLabAppSettings(member.build());
    }
    return changed || idle != null;
  }

  /** The request's idle shutdown as SageMaker takes it, or null when the request names none. */
  static AppLifecycleManagement idleSettings(IdleShutdown idle) {
    if (idle == null) {
      return null;
    }
    return AppLifecycleManagement.builder()
        .idleSettings(
            IdleSettings.builder()
                .lifecycleManagement(LifecycleManagement.ENABLED)
                .idleTimeoutInMinutes(idle.idleTimeoutInMinutes())
                .minIdleTimeoutInMinutes(idle.minIdleTimeoutInMinutes())
                .maxIdleTimeoutInMinutes(idle.maxIdleTimeoutInMinutes())
                .build())
        .build();
  }

  /**
   * The AppLifecycleManagement to send when {@code want} differs from {@code had} (the change
   * listed), else null.
   */
  private static AppLifecycleManagement idle(
      String member,
      AppLifecycleManagement had,
      AppLifecycleManagement want,
      List<String> changes) {
    if (want == null || want.idleSettings() == null) {
      return null;
    }
    IdleSettings before = had == null ? null : had.idleSettings();
    String what = member + ".AppLifecycleManagement.IdleSettings";
    return differs(what, before, want.idleSettings(), ProfileConvergence::idleText, changes)
        ? want
        : null;
  }

  private static String idleText(IdleSettings idle) {
    StringBuilder text = new StringBuilder(idle.lifecycleManagementAsString());
    if (idle.idleTimeoutInMinutes() != null) {
      text.append(", idle ").append(idle.idleTimeoutInMinutes()).append(" min");
    }
    if (idle.minIdleTimeoutInMinutes() != null) {
      text.append(", min ").append(idle.minIdleTimeoutInMinutes()).append(" min");
    }
    if (idle.maxIdleTimeoutInMinutes() != null) {
      text.append(", max ").append(idle.maxIdleTimeoutInMinutes()).append(" min");
    }
    return text.toString();
  }

  private static boolean codeEditor(
      UserSettings have, UserSettings wanted, UserSettings.Builder update, List<String> changes) {
    CodeEditorAppSettings want = wanted.codeEditorAppSettings();
    if (want == null) {
      return false;
    }
    CodeEditorAppSettings had = have.codeEditorAppSettings();
    AppLifecycleManagement idle =
        idle(
            "CodeEditorAppSettings",
            had == null ? null : had.appLifecycleManagement(),
            want.appLifecycleManagement(),
            changes);
    if (idle == null) {
      return false;
    }
    CodeEditorAppSettings.Builder member =
        had == null ? CodeEditorAppSettings.builder() : had.toBuilder();
    update.codeEditorAppSettings(member.appLifecycleManagement(idle).build());
    return true;
  }

  private static boolean spaceStorage(
      UserSettings have, UserSettings wanted, UserSettings.Builder update, List<String> changes) {
    DefaultSpaceStorageSettings want = wanted.spaceStorageSettings();
    if (want == null || want.defaultEbsStorageSettings() == null) {
      return false;
    }
    DefaultSpaceStorageSettings had = have.spaceStorageSettings();
    DefaultEbsStorageSettings before = had == null ? null : had.defaultEbsStorageSettings();
    DefaultEbsStorageSettings after = want.defaultEbsStorageSettings();
    String what = "SpaceStorageSettings.DefaultEbsStorageSettings";
    if (!differs(what, before, after, ProfileConvergence::storageText, changes)) {
      return false;
    }
    DefaultSpaceStorageSettings.Builder member =
        had == null ? DefaultSpaceStorageSettings.builder() : had.toBuilder();
    update.spaceStorageSettings(member.defaultEbsStorageSettings(after).build());
    return true;
  }

  private static String storageText(DefaultEbsStorageSettings storage) {
    return storage.defaultEbsVolumeSizeInGb()
        + " GB (max "
        + storage.maximumEbsVolumeSizeInGb()
        + " GB)";
  }

  private static boolean rstudio(
      UserSettings have, UserSettings wanted, UserSettings.Builder update, List<String> changes) {
    RStudioServerProAppSettings want = wanted.rStudioServerProAppSettings();
    if (want == null) {
      return false;
    }
    RStudioServerProAppSettings had = have.rStudioServerProAppSettings();
    // Compared in words: the two settings differ in nothing else the request decides.
    String before = had == null ? null : rstudioText(had);
    if (!differs("RStudioServerProAppSettings", before, rstudioText(want), TEXT, changes)) {
      return false;
    }
    update.rStudioServerProAppSettings(want);
    return true;
  }

  private static String rstudioText(RStudioServerProAppSettings settings) {
    String group = settings.userGroupAsString();
    return settings.accessStatusAsString() + (group == null ? "" : " " + group);
  }

  private static boolean canvas(
      UserSettings have, UserSettings wanted, UserSettings.Builder update, List<String> changes) {
    CanvasAppSettings want = wanted.canvasAppSettings();
    if (want == null || want.timeSeriesForecastingSettings() == null) {
      return false;
    }
    CanvasAppSettings had = have.canvasAppSettings();
    TimeSeriesForecastingSettings hadTs = had == null ? null : had.timeSeriesForecastingSettings();
    TimeSeriesForecastingSettings wantTs = want.timeSeriesForecastingSettings();
    String what = "CanvasAppSettings.TimeSeriesForecastingSettings";
    if (!differs(what, hadTs, wantTs, ProfileConvergence::forecastingText, changes)) {
      return false;
    }
    CanvasAppSettings.Builder member = had == null ? CanvasAppSettings.builder() : had.toBuilder();
    update.canvasAppSettings(member.timeSeriesForecastingSettings(wantTs).build());
    return true;
  }

  private static String forecastingText(TimeSeriesForecastingSettings settings) {
    String role = settings.amazonForecastRoleArn();
    return settings.statusAsString() + (role == null ? "" : " " + role);
  }

  private static boolean hiddenTools(
      UserSettings have, UserSettings wanted, UserSettings.Builder update, List<String> changes) {
    StudioWebPortalSettings had = have.studioWebPortalSettings();
    StudioWebPortalSettings want = wanted.studioWebPortalSettings();
    Set<String> before =
        new LinkedHashSet<>(had == null ? List.of() : had.hiddenMlToolsAsStrings());
    Set<String> after = new LinkedHashSet<>(before);
    REQUEST_TOOLS.forEach(tool -> after.remove(tool.toString()));
    if (want != null) {
      after.addAll(want.hiddenMlToolsAsStrings());
    }
    boolean toolsChanged = !after.equals(before);
    // The request's hidden instance types replace the profile's, when it names them (an SDK list
    // that was never set is not the same as an empty one).
    List<String> typesBefore = had == null ? List.of() : had.hiddenInstanceTypesAsStrings();
    boolean namesTypes = want != null && want.hasHiddenInstanceTypes();
    List<String> typesAfter = namesTypes ? want.hiddenInstanceTypesAsStrings() : typesBefore;
    boolean typesChanged =
        !new LinkedHashSet<>(typesAfter).equals(new LinkedHashSet<>(typesBefore));
    if (!toolsChanged && !typesChanged) {
      return false;
    }
    StudioWebPortalSettings.Builder member =
        had == null ? StudioWebPortalSettings.builder() : had.toBuilder();
    member.hiddenMlToolsWithStrings(after);
    if (typesChanged) {
      member.hiddenInstanceTypesWithStrings(typesAfter);
    }
    update.studioWebPortalSettings(member.build());
    if (toolsChanged) {
      changes.add(
          change("StudioWebPortalSettings.HiddenMlTools", listText(before), listText(after)));
    }
    if (typesChanged) {
      changes.add(
          change(
              "StudioWebPortalSettings.HiddenInstanceTypes",
              listText(typesBefore),
              listText(typesAfter)));
    }
    return true;
  }

  private static String listText(Collection<String> names) {
    return names.isEmpty() ? null : String.join(", ", names);
  }

  /**
   * Whether {@code want} differs from {@code had}; if it does, the change is listed in words
   * ({@code had} null: nothing before).
   */
  private static <T> boolean differs(
      String what, T had, T want, Function<T, String> text, List<String> changes) {
    if (Objects.equals(had, want)) {
      return false;
    }
    changes.add(change(what, had == null ? null : text.apply(had), text.apply(want)));
    return true;
  }

  private static <T> String field(T member, Function<T, String> read) {
    return member == null ? null : read.apply(member);
  }

  private static String change(String what, String before, String after) {
    return what + ": " + (before == null ? NONE : before) + " -> " + (after == null ? NONE : after);
  }
}
