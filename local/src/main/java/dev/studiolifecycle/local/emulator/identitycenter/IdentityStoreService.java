package dev.studiolifecycle.local.emulator.identitycenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import dev.studiolifecycle.local.emulator.json.ModelShapes;
import dev.studiolifecycle.local.emulator.json.Pages;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Identity Store API (awsJson1_1, {@code X-Amz-Target: AWSIdentityStore.<Operation>}, signing
 * name {@code identitystore}), reading only: GetUserId, DescribeUser and
 * ListGroupMembershipsForMember, with the request constraints of the Identity Store API Reference.
 * A user or identity store that is not there is a ResourceNotFoundException whose ResourceType says
 * which (USER, IDENTITY_STORE).
 */
public final class IdentityStoreService extends EmulatedService {

  /**
   * The Identity Store API model's input shapes of the operations served, held to every request.
   */
  private static final ModelShapes SHAPES =
      ModelShapes.load(
          IdentityStoreService.class,
          "identitystore-model-shapes.json",
          ModelShapes.MemberRules.NONE);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** IdentityStoreId: {@code d-} and 10 hex digits, or a UUID; at most 36 characters. */
  private static final Pattern IDENTITY_STORE_ID =
      Pattern.compile(
          "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** GetUserId: "For the unique attribute, the only valid paths are userName and emails.value." */
  private static final List<String> UNIQUE_ATTRIBUTE_PATHS = List.of("userName", "emails.value");

  private final IdentityCenter center;

  public IdentityStoreService(IdentityCenter center) {
    super("identitystore", new WireProtocol.AwsJson("1.1", "AWSIdentityStore"));
    this.center = center;
  }

  @Override
  public List<Operation> operations() {
    return SHAPES.checked(
        List.of(
            Operation.reading("GetUserId", this::getUserId),
            Operation.reading("DescribeUser", this::describeUser),
            Operation.reading(
                "ListGroupMembershipsForMember", this::listGroupMembershipsForMember)));
  }

  private ServiceReply getUserId(ServiceRequest request) {
    JsonInput input = JsonInput.of(request.input());
    String storeId = identityStoreId(input);
    JsonInput alternate = input.requiredObject("AlternateIdentifier");
    JsonInput unique = alternate == null ? null : alternate.optionalObject("UniqueAttribute");
    String path = null;
    JsonNode value = null;
    if (alternate != null && alternate.has("ExternalId")) {
      alternate.violation(
          "ExternalId", "(object)", "ExternalId is not served by the emulator (no external IdP)");
    } else if (alternate != null && unique == null) {
      alternate.violation("UniqueAttribute", null, "Member must not be null");
    }
    if (unique != null) {
      path = unique.requiredEnum("AttributePath", UNIQUE_ATTRIBUTE_PATHS);
      value = unique.node().get("AttributeValue");
      if (value == null || !value.isTextual()) {
        unique.violation("AttributeValue", value, "Member must be a string");
      }
    }
    input.throwIfInvalid();
    String wanted = value.textValue();
    boolean byName = "userName".equals(path);
    IdentityCenter.User user =
        center.users().stream()
            .filter(u -> wanted.equals(byName ? u.userName() : u.email()))
            .findFirst()
            .orElseThrow(() -> notFound("USER", null, "USER not found."));
    ObjectNode out = JSON.objectNode();
    out.put("UserId", user.userId());
    out.put("IdentityStoreId", storeId);
    return ServiceReply.json(out);
  }

  private ServiceReply describeUser(ServiceRequest request) {
    JsonInput input = JsonInput.of(request.input());
    String storeId = identityStoreId(input);
    String userId = input.requiredString("UserId", IdentityCenter.PRINCIPAL_ID, 47);
    input.throwIfInvalid();
    IdentityCenter.User user =
        center.user(userId).orElseThrow(() -> notFound("USER", userId, "USER not found."));
    ObjectNode out = JSON.objectNode();
    out.put("IdentityStoreId", storeId);
    out.put("UserId", user.userId());
    out.put("UserName", user.userName());
    if (user.displayName() != null) {
      out.put("DisplayName", user.displayName());
    }
    if (user.email() != null) {
      out.putArray("Emails")
          .addObject()
          .put("Value", user.email())
          .put("Type", "work")
          .put("Primary", true);
    }
    return ServiceReply.json(out);
  }

  private ServiceReply listGroupMembershipsForMember(ServiceRequest request) {
    JsonInput input = JsonInput.of(request.input());
    String storeId = identityStoreId(input);
    JsonInput member = input.requiredObject("MemberId");
    String userId =
        member == null ? null : member.requiredString("UserId", IdentityCenter.PRINCIPAL_ID, 47);
    int maxResults = input.optionalInt("MaxResults", 1, 100, 100);
    String nextToken = input.optionalString("NextToken", null, 65535);
    input.throwIfInvalid();
    if (center.user(userId).isEmpty()) {
      throw notFound("USER", userId, "USER not found.");
    }
    Pages.Page<IdentityCenter.Membership> page =
        Pages.of(center.membershipsOf(userId), nextToken, maxResults);
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("GroupMemberships");
    for (IdentityCenter.Membership membership : page.items()) {
      ObjectNode item = items.addObject();
      item.put("IdentityStoreId", storeId);
      item.put("MembershipId", membership.membershipId());
      item.put("GroupId", membership.groupId());
      item.putObject("MemberId").put("UserId", membership.userId());
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  /** The request's IdentityStoreId, which must be the instance's own. */
  private String identityStoreId(JsonInput input) {
    String storeId = input.requiredString("IdentityStoreId", IDENTITY_STORE_ID, 36);
    if (storeId != null && !storeId.equals(center.identityStoreId())) {
      input.throwIfInvalid();
      throw notFound("IDENTITY_STORE", storeId, "IDENTITY_STORE not found.");
    }
    return storeId;
  }

  private static AwsServiceError notFound(String resourceType, String resourceId, String message) {
    AwsServiceError error =
        AwsServiceError.badRequest("ResourceNotFoundException", message)
            .withMember("ResourceType", JSON.textNode(resourceType));
    return resourceId == null ? error : error.withMember("ResourceId", JSON.textNode(resourceId));
  }
}
