package dev.studiolifecycle.testing;

import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.IdleShutdown;
import dev.studiolifecycle.model.JupyterLabSettings;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.OffboardingOptions;
import dev.studiolifecycle.model.RStudioAccess;
import dev.studiolifecycle.model.RoleCreation;
import dev.studiolifecycle.model.SpaceStorage;
import java.util.List;
import java.util.Map;

/** Builds requests for tests, starting from a valid onboarding or offboarding one. */
public final class RequestBuilder {

  public static final String DOMAIN = "d-abc123def456";
  public static final String USER = "jane-doe";
  public static final String REQUEST_ID = "hr-2026-000123";

  private Action action;
  private String requestId = REQUEST_ID;
  private String domainId = DOMAIN;
  private String userProfileName = USER;
  private String email;
  private String ssoUserName;
  private ExecutionRoleRequest executionRole;
  private Map<String, String> tags;
  private JupyterLabSettings jupyterLab;
  private Boolean jumpStart;
  private Boolean projects;
  private RStudioAccess rstudio;
  private CanvasSettings canvas;
  private OffboardingOptions offboarding;
  private Boolean adopt;
  private IdleShutdown idleShutdown;
  private SpaceStorage spaceStorage;
  private List<String> hiddenInstanceTypes;
  private String team;
  private String occurredAt;
  private String identityCenterUserId;

  private RequestBuilder(Action action) {
    this.action = action;
  }

  public static RequestBuilder onboard() {
    return new RequestBuilder(Action.ONBOARD);
  }

  public static RequestBuilder offboard() {
    return new RequestBuilder(Action.OFFBOARD);
  }

  public RequestBuilder action(Action value) {
    action = value;
    return this;
  }

  public RequestBuilder requestId(String value) {
    requestId = value;
    return this;
  }

  public RequestBuilder domainId(String value) {
    domainId = value;
    return this;
  }

  public RequestBuilder userProfileName(String value) {
    userProfileName = value;
    return this;
  }

  public RequestBuilder identityCenterUserId(String value) {
    identityCenterUserId = value;
    return this;
  }

  public RequestBuilder email(String value) {
    email = value;
    return this;
  }

  public RequestBuilder ssoUserName(String value) {
    ssoUserName = value;
    return this;
  }

  public RequestBuilder existingRole(String arn) {
    executionRole = new ExecutionRoleRequest(arn, null);
    return this;
  }

  public RequestBuilder newRole(List<String> buckets, List<String> policies) {
    executionRole = new ExecutionRoleRequest(null, new RoleCreation(buckets, policies));
    return this;
  }

  public RequestBuilder newRole(
      List<String> buckets, List<String> personalBuckets, List<String> policies) {
    executionRole =
        new ExecutionRoleRequest(null, new RoleCreation(buckets, personalBuckets, policies));
    return this;
  }

  public RequestBuilder executionRole(ExecutionRoleRequest value) {
    executionRole = value;
    return this;
  }

  public RequestBuilder tags(Map<String, String> value) {
    tags = value;
    return this;
  }

  public RequestBuilder jupyterLab(String imageArn, String instanceType) {
    jupyterLab = new JupyterLabSettings(imageArn, instanceType);
    return this;
  }

  public RequestBuilder jumpStart(Boolean value) {
    jumpStart = value;
    return this;
  }

  public RequestBuilder projects(Boolean value) {
    projects = value;
    return this;
  }

  public RequestBuilder rstudio(RStudioAccess value) {
    rstudio = value;
    return this;
  }

  public RequestBuilder canvas(CanvasSettings value) {
    canvas = value;
    return this;
  }

  public RequestBuilder idleShutdown(IdleShutdown value) {
    this.idleShutdown = value;
    return this;
  }

  public RequestBuilder spaceStorage(SpaceStorage value) {
    this.spaceStorage = value;
    return this;
  }

  public RequestBuilder hiddenInstanceTypes(String... types) {
    this.hiddenInstanceTypes = List.of(types);
    return this;
  }

  public RequestBuilder team(String value) {
    this.team = value;
    return this;
  }

  public RequestBuilder adopt(Boolean value) {
    this.adopt = value;
    return this;
  }

  public RequestBuilder occurredAt(String value) {
    this.occurredAt = value;
    return this;
  }

  public RequestBuilder offboarding(OffboardingOptions value) {
    offboarding = value;
    return this;
  }

  public LifecycleRequest build() {
    return new LifecycleRequest(
        action,
        requestId,
        domainId,
        userProfileName,
        email,
        ssoUserName,
        executionRole,
        tags,
        jupyterLab,
        idleShutdown,
        spaceStorage,
        hiddenInstanceTypes,
        jumpStart,
        projects,
        rstudio,
        canvas,
        offboarding,
        adopt,
        team,
        occurredAt,
        identityCenterUserId);
  }
}
