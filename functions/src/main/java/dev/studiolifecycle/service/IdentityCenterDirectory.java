package dev.studiolifecycle.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.aws.AwsJsonClient;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * IAM Identity Center as the workflow reads it: a user's id by user name in the identity store
 * (GetUserId on the {@code userName} attribute) and the groups the user belongs to
 * (ListGroupMembershipsForMember). The identity store is the one the stack's {@code
 * IdentityStoreId} parameter names or, when it is empty, the one of the account's Identity Center
 * instance (SSO admin's ListInstances), looked up once.
 */
public final class IdentityCenterDirectory {

  private static final String NOT_FOUND = "ResourceNotFoundException";

  private final AwsJsonClient identityStore;
  private final AwsJsonClient ssoAdmin;
  private final String configuredStoreId;
  private final int pageSize;
  private volatile String storeId;

  /**
   * @param configuredStoreId the stack's IdentityStoreId parameter, or null to ask Identity Center
   * @param pageSize list calls' MaxResults (1 to 100)
   */
  public IdentityCenterDirectory(
      AwsJsonClient identityStore, AwsJsonClient ssoAdmin, String configuredStoreId, int pageSize) {
    this.identityStore = identityStore;
    this.ssoAdmin = ssoAdmin;
    this.configuredStoreId =
        configuredStoreId == null || configuredStoreId.isBlank() ? null : configuredStoreId;
    this.pageSize = pageSize;
  }

  public IdentityCenterDirectory(
      AwsJsonClient identityStore, AwsJsonClient ssoAdmin, String configuredStoreId) {
    this(identityStore, ssoAdmin, configuredStoreId, 100);
  }

  /** With clients from the SDK's standard settings and the function's IDENTITY_STORE_ID. */
  public static IdentityCenterDirectory of(FunctionEnvironment environment) {
    return new IdentityCenterDirectory(
        AwsJsonClient.identityStore(),
        AwsJsonClient.ssoAdmin(),
        environment.identityStoreId().orElse(null));
  }

  /** The identity store the workflow reads. */
  public String identityStoreId() {
    String known = storeId;
    if (known == null) {
      known = configuredStoreId != null ? configuredStoreId : instanceStoreId();
      storeId = known;
    }
    return known;
  }

  /** The id of the user of this user name, or empty when the identity store has none. */
  public Optional<String> userId(String userName) {
    ObjectNode body = AwsJsonClient.body().put("IdentityStoreId", identityStoreId());
    body.putObject("AlternateIdentifier")
        .putObject("UniqueAttribute")
        .put("AttributePath", "userName")
        .put("AttributeValue", userName);
    try {
      return Optional.of(identityStore.call("GetUserId", body).path("UserId").asText());
    } catch (AwsServiceException e) {
      // Only a missing USER means "no such user": a missing IDENTITY_STORE is the stack's mistake,
      // which must not read as every joiner being unknown.
      if (NOT_FOUND.equals(AwsErrorCodes.code(e)) && "USER".equals(resourceType(e))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** ResourceNotFoundException's ResourceType member (USER, GROUP, IDENTITY_STORE, ...). */
  private static String resourceType(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null) {
      return "";
    }
    try {
      return ModelJson.readTree(e.awsErrorDetails().rawResponse().asUtf8String())
          .path("ResourceType")
          .asText("");
    } catch (JsonProcessingException unreadable) {
      return "";
    }
  }

  /**
   * Whether the identity store still holds the user of this id: its group memberships are listed
   * (the read onboarding already makes), and a missing USER means she is gone.
   */
  public boolean holdsUser(String userId) {
    try {
      groupIds(userId);
      return true;
    } catch (AwsServiceException e) {
      if (NOT_FOUND.equals(AwsErrorCodes.code(e)) && "USER".equals(resourceType(e))) {
        return false;
      }
      throw e;
    }
  }

  /** The ids of the groups the user is a member of, every page. */
  public List<String> groupIds(String userId) {
    List<String> groups = new ArrayList<>();
    String next = null;
    do {
      ObjectNode body =
          AwsJsonClient.body()
              .put("IdentityStoreId", identityStoreId())
              .put("MaxResults", pageSize);
      body.putObject("MemberId").put("UserId", userId);
      if (next != null) {
        body.put("NextToken", next);
      }
      JsonNode page = identityStore.call("ListGroupMembershipsForMember", body);
      page.path("GroupMemberships").forEach(m -> groups.add(m.path("GroupId").asText()));
      next = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
    } while (next != null);
    return groups;
  }

  private String instanceStoreId() {
    JsonNode instances = ssoAdmin.call("ListInstances", AwsJsonClient.body()).path("Instances");
    if (instances.isEmpty()) {
      throw new ValidationError(
          "IdentityStoreId: the stack names no identity store and this account has no IAM Identity"
              + " Center instance; set the IdentityStoreId parameter");
    }
    return instances.get(0).path("IdentityStoreId").asText();
  }
}
