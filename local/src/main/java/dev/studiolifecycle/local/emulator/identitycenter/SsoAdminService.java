package dev.studiolifecycle.local.emulator.identitycenter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
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
 * The IAM Identity Center (SSO admin) API (awsJson1_1, {@code X-Amz-Target:
 * SWBExternalService.<Operation>}, signing name {@code sso}), as far as application assignments go:
 * ListInstances and Create, Delete, Describe and ListApplicationAssignment(s), with the constraints
 * of the IAM Identity Center API Reference (ApplicationAssignment: ApplicationArn and PrincipalId
 * patterns, PrincipalType USER | GROUP).
 *
 * <p>The reference is silent on assigning a principal twice, on principals the identity store does
 * not hold and on deleting an assignment that is not there: the emulator refuses all three
 * (ConflictException, ResourceNotFoundException), the stricter reading (README, "What is
 * modelled").
 */
public final class SsoAdminService extends EmulatedService {

  /**
   * The IAM Identity Center (sso-admin) API model's input shapes of the operations served, held to
   * every request.
   */
  private static final ModelShapes SHAPES =
      ModelShapes.load(
          SsoAdminService.class, "sso-admin-model-shapes.json", ModelShapes.MemberRules.NONE);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final Pattern APPLICATION_ARN =
      Pattern.compile(
          "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso::\\d{12}:application/(sso)?ins-"
              + "[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}");
  private static final List<String> PRINCIPAL_TYPES = List.of("USER", "GROUP");

  private final IdentityCenter center;

  public SsoAdminService(IdentityCenter center) {
    super("sso", new WireProtocol.AwsJson("1.1", "SWBExternalService"));
    this.center = center;
  }

  @Override
  public List<Operation> operations() {
    return SHAPES.checked(
        List.of(
            Operation.reading("ListInstances", this::listInstances),
            Operation.mutating("CreateApplicationAssignment", this::createApplicationAssignment),
            Operation.mutating("DeleteApplicationAssignment", this::deleteApplicationAssignment),
            Operation.reading("DescribeApplicationAssignment", this::describeApplicationAssignment),
            Operation.reading("ListApplicationAssignments", this::listApplicationAssignments)));
  }

  private ServiceReply listInstances(ServiceRequest request) {
    JsonInput input = JsonInput.of(request.input());
    input.optionalInt("MaxResults", 1, 100, 100);
    input.optionalString("NextToken", null, 2048);
    input.throwIfInvalid();
    ObjectNode out = JSON.objectNode();
    ObjectNode instance = out.putArray("Instances").addObject();
    instance.put("InstanceArn", center.instanceArn());
    instance.put("IdentityStoreId", center.identityStoreId());
    instance.put("OwnerAccountId", LocalAccount.ACCOUNT_ID);
    instance.put("Status", "ACTIVE");
    return ServiceReply.json(out);
  }

  private ServiceReply createApplicationAssignment(ServiceRequest request) {
    Target target = target(request);
    boolean principalExists =
        target.assignment().principalType().equals("USER")
            ? center.user(target.assignment().principalId()).isPresent()
            : center.hasGroup(target.assignment().principalId());
    if (!principalExists) {
      throw notFound(
          "Principal "
              + target.assignment().principalId()
              + " of type "
              + target.assignment().principalType()
              + " is not in the instance's identity store.");
    }
    if (!center.assign(target.applicationArn(), target.assignment())) {
      throw AwsServiceError.badRequest(
          "ConflictException",
          "Principal " + target.assignment().principalId() + " is already assigned.");
    }
    return ServiceReply.emptyJson();
  }

  private ServiceReply deleteApplicationAssignment(ServiceRequest request) {
    Target target = target(request);
    if (!center.unassign(target.applicationArn(), target.assignment())) {
      throw notFound(
          "Principal "
              + target.assignment().principalId()
              + " is not assigned to the application.");
    }
    return ServiceReply.emptyJson();
  }

  private ServiceReply describeApplicationAssignment(ServiceRequest request) {
    Target target = target(request);
    if (!center.assignments(target.applicationArn()).contains(target.assignment())) {
      throw notFound(
          "Principal "
              + target.assignment().principalId()
              + " is not assigned to the application.");
    }
    ObjectNode out = JSON.objectNode();
    out.put("ApplicationArn", target.applicationArn());
    out.put("PrincipalId", target.assignment().principalId());
    out.put("PrincipalType", target.assignment().principalType());
    return ServiceReply.json(out);
  }

  private ServiceReply listApplicationAssignments(ServiceRequest request) {
    JsonInput input = JsonInput.of(request.input());
    String applicationArn = input.requiredString("ApplicationArn", APPLICATION_ARN, 1224);
    int maxResults = input.optionalInt("MaxResults", 1, 100, 100);
    String nextToken = input.optionalString("NextToken", null, 2048);
    input.throwIfInvalid();
    requireApplication(applicationArn);
    Pages.Page<IdentityCenter.Assignment> page =
        Pages.of(center.assignments(applicationArn), nextToken, maxResults);
    ObjectNode out = JSON.objectNode();
    ArrayNode items = out.putArray("ApplicationAssignments");
    for (IdentityCenter.Assignment assignment : page.items()) {
      items
          .addObject()
          .put("ApplicationArn", applicationArn)
          .put("PrincipalId", assignment.principalId())
          .put("PrincipalType", assignment.principalType());
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return ServiceReply.json(out);
  }

  /** The application and principal an assignment call names. */
  private record Target(String applicationArn, IdentityCenter.Assignment assignment) {}

  private Target target(ServiceRequest request) {
    JsonInput input = JsonInput.of(request.input());
    String applicationArn = input.requiredString("ApplicationArn", APPLICATION_ARN, 1224);
    String principalId = input.requiredString("PrincipalId", IdentityCenter.PRINCIPAL_ID, 47);
    String principalType = input.requiredEnum("PrincipalType", PRINCIPAL_TYPES);
    input.throwIfInvalid();
    requireApplication(applicationArn);
    return new Target(applicationArn, new IdentityCenter.Assignment(principalType, principalId));
  }

  private void requireApplication(String applicationArn) {
    if (!center.hasApplication(applicationArn)) {
      throw notFound("Application " + applicationArn + " does not exist.");
    }
  }

  private static AwsServiceError notFound(String message) {
    return AwsServiceError.badRequest("ResourceNotFoundException", message);
  }
}
