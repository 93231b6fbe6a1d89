package dev.studiolifecycle.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.ExecutionRoleRequest;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.OffboardingOptions;
import java.util.List;
import java.util.UUID;

/**
 * Judges a raw state machine input: first the JSON Schema (shape, unknown fields), then the value
 * rules, and returns the request normalized with its defaults. Nothing here calls AWS.
 */
public final class RequestValidator {

  private final RequestSchema schema;

  public RequestValidator(RequestSchema schema) {
    this.schema = schema;
  }

  /**
   * Checks {@code raw} and returns it normalized. {@code executionName} is the request id when the
   * request carries none; a random one is generated when both are absent.
   *
   * @throws ValidationError listing every violation
   */
  public LifecycleRequest validate(JsonNode raw, String executionName) {
    if (raw == null || raw.isMissingNode() || raw.isNull()) {
      throw new ValidationError("request: is required");
    }
    if (!raw.isObject()) {
      throw new ValidationError("request: must be an object");
    }
    List<String> shape = schema.violations(raw);
    if (!shape.isEmpty()) {
      throw new ValidationError(shape);
    }
    LifecycleRequest request = bind(raw);
    Violations violations = new Violations();
    RequestRules.check(request, violations);
    if (request.requestId() == null && executionName != null) {
      violations.check(
          "executionName",
          FieldRules.length(executionName, 1, 128)
              .or(() -> FieldRules.fullMatch(FieldRules.TAG_CHARACTERS, executionName)));
    }
    violations.throwIfAny();
    return normalize(request, executionName);
  }

  private LifecycleRequest bind(JsonNode raw) {
    try {
      return ModelJson.treeToValue(raw, LifecycleRequest.class);
    } catch (JsonProcessingException e) {
      // The schema fixes every field's type, so this only happens if schema and record drift.
      throw new IllegalStateException("request passed the schema but does not bind", e);
    }
  }

  private static LifecycleRequest normalize(LifecycleRequest r, String executionName) {
    String requestId = r.requestId();
    if (requestId == null) {
      requestId = executionName != null ? executionName : UUID.randomUUID().toString();
    }
    boolean onboard = r.action().carriesSettings();
    ExecutionRoleRequest role = r.executionRole();
    if (onboard && role == null) {
      role = ExecutionRoleRequest.defaulted();
    }
    OffboardingOptions offboarding = r.offboarding();
    if (r.action() == Action.OFFBOARD && offboarding == null) {
      offboarding = new OffboardingOptions(false);
    }
    return new LifecycleRequest(
        r.action(),
        requestId,
        r.domainId(),
        r.userProfileName(),
        r.email(),
        r.ssoUserName(),
        role,
        onboard ? r.tagsOrEmpty() : null,
        r.jupyterLab(),
        r.idleShutdown(),
        r.spaceStorage(),
        r.hiddenInstanceTypes(),
        onboard ? r.allowsJumpStart() : null,
        onboard ? r.allowsProjects() : null,
        r.rstudio(),
        r.canvas(),
        offboarding,
        onboard ? r.adopts() : null,
        r.team(),
        r.occurredAt(),
        r.identityCenterUserId());
  }
}
