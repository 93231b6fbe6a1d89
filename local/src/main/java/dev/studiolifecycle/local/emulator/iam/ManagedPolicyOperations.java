package dev.studiolifecycle.local.emulator.iam;

import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * IAM's managed policy calls: CreatePolicy, GetPolicy and ListPolicies, over the account's customer
 * managed policies and the AWS managed policies of the catalogue (state guarded by {@link
 * IamService}).
 */
record ManagedPolicyOperations(IamResources resources) {

  ServiceReply createPolicy(IamInput input, QueryParameters parameters) {
    String name = input.required("PolicyName", IamResources.POLICY_NAME, 1, 128);
    String path = input.optional("Path", IamResources.POLICY_PATH, 1, 512);
    String document = input.required("PolicyDocument", IamResources.DOCUMENT, 1, 131072);
    String description = input.optional("Description", null, 0, 1000);
    Map<String, String> tags = input.tags("Tags", false);
    input.throwIfInvalid();
    if (resources.customerPolicies.containsKey(IamResources.key(name))) {
      throw IamErrors.ALREADY_EXISTS.because(
          "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }
    PolicyDocuments.checkIdentityPolicy(document);
    // IAM quotas: a managed policy's document is at most 6,144 characters, white space excluded.
    if (IamResources.policySize(document) > IamResources.MAX_MANAGED_POLICY_CHARS) {
      throw IamErrors.LIMIT_EXCEEDED.because(
          "Cannot exceed quota for PolicySize: " + IamResources.MAX_MANAGED_POLICY_CHARS);
    }
    IamResources.checkReservedTags(tags);
    CustomerPolicy policy =
        resources.newCustomerPolicy(name, path == null ? "/" : path, document, description, tags);
    resources.customerPolicies.put(IamResources.key(name), policy);
    return ServiceReply.xml(xml -> writeCustomerPolicy(xml.start("Policy"), policy, true).end());
  }

  ServiceReply getPolicy(IamInput input, QueryParameters parameters) {
    String arn = input.required("PolicyArn", null, 20, 2048);
    input.throwIfInvalid();
    if (!IamResources.POLICY_ARN.matcher(arn).matches()) {
      throw IamErrors.INVALID_INPUT.because("ARN " + arn + " is not valid.");
    }
    Optional<AwsManagedPolicies.AwsManagedPolicy> aws = resources.awsPolicies.byArn(arn);
    if (aws.isPresent()) {
      return ServiceReply.xml(xml -> writeAwsPolicy(xml.start("Policy"), aws.get()).end());
    }
    CustomerPolicy policy =
        resources
            .customerPolicy(arn)
            .orElseThrow(
                () ->
                    IamErrors.NO_SUCH_ENTITY.because(
                        "Policy " + arn + " does not exist or is not attachable."));
    return ServiceReply.xml(xml -> writeCustomerPolicy(xml.start("Policy"), policy, true).end());
  }

  ServiceReply listPolicies(IamInput input, QueryParameters parameters) {
    String scope = input.optionalEnum("Scope", List.of("All", "AWS", "Local"));
    boolean onlyAttached = input.optionalBoolean("OnlyAttached");
    String pathPrefix = input.optional("PathPrefix", IamResources.PATH_PREFIX, 1, 512);
    String usage =
        input.optionalEnum(
            "PolicyUsageFilter", List.of("PermissionsPolicy", "PermissionsBoundary"));
    IamPages.Request paging = IamPages.Request.read(input);
    input.throwIfInvalid();
    List<Consumer<XmlWriter>> matching = new ArrayList<>();
    if (!"Local".equals(scope)) {
      for (AwsManagedPolicies.AwsManagedPolicy policy : resources.awsPolicies.all()) {
        if (listed(policy.arn(), policy.path(), pathPrefix, onlyAttached, usage)) {
          matching.add(xml -> writeAwsPolicySummary(xml, policy));
        }
      }
    }
    if (!"AWS".equals(scope)) {
      for (CustomerPolicy policy : resources.customerPolicies.values()) {
        if (listed(policy.arn, policy.path, pathPrefix, onlyAttached, usage)) {
          matching.add(xml -> writeCustomerPolicy(xml, policy, false));
        }
      }
    }
    IamPages.Page<Consumer<XmlWriter>> page = paging.page(matching);
    return IamPages.reply("Policies", page, (xml, item) -> item.accept(xml));
  }

  /**
   * The ListPolicies filters. PolicyUsageFilter is read as "in use that way by some role": the API
   * reference does not say how it treats a policy used by nobody.
   */
  private boolean listed(
      String arn, String path, String pathPrefix, boolean onlyAttached, String usage) {
    if (pathPrefix != null && !path.startsWith(pathPrefix)) {
      return false;
    }
    int attached = resources.attachmentCount(arn);
    int boundaries = resources.boundaryUsageCount(arn);
    if (onlyAttached && attached == 0) {
      return false;
    }
    if ("PermissionsPolicy".equals(usage)) {
      return attached > 0;
    }
    if ("PermissionsBoundary".equals(usage)) {
      return boundaries > 0;
    }
    return true;
  }

  private XmlWriter writeCustomerPolicy(XmlWriter xml, CustomerPolicy policy, boolean full) {
    xml.element("PolicyName", policy.name)
        .element("PolicyId", policy.policyId)
        .element("Arn", policy.arn)
        .element("Path", policy.path)
        .element("DefaultVersionId", "v1")
        .element("AttachmentCount", resources.attachmentCount(policy.arn))
        .element("PermissionsBoundaryUsageCount", resources.boundaryUsageCount(policy.arn))
        .element("IsAttachable", true);
    if (full) {
      xml.element("Description", policy.description);
    }
    xml.element("CreateDate", policy.createDate).element("UpdateDate", policy.createDate);
    if (full && !policy.tags.isEmpty()) {
      xml.start("Tags");
      policy.tags.forEach(
          (key, value) -> xml.start("member").element("Key", key).element("Value", value).end());
      xml.end();
    }
    return xml;
  }

  private XmlWriter writeAwsPolicySummary(
      XmlWriter xml, AwsManagedPolicies.AwsManagedPolicy policy) {
    return xml.element("PolicyName", policy.policyName())
        .element("PolicyId", awsPolicyId(policy))
        .element("Arn", policy.arn())
        .element("Path", policy.path())
        .element("DefaultVersionId", policy.defaultVersionId())
        .element("AttachmentCount", resources.attachmentCount(policy.arn()))
        .element("PermissionsBoundaryUsageCount", resources.boundaryUsageCount(policy.arn()))
        .element("IsAttachable", true);
  }

  private XmlWriter writeAwsPolicy(XmlWriter xml, AwsManagedPolicies.AwsManagedPolicy policy) {
    return writeAwsPolicySummary(xml, policy);
  }

  /**
   * A stable id for an AWS managed policy. The catalogue does not record AWS's own policy
   * resources.ids, so this is made from the name: the same in every run, in the form of IAM's
   * resources.ids.
   */
  private static String awsPolicyId(AwsManagedPolicies.AwsManagedPolicy policy) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    long hash = 1125899906842597L;
    for (char c : policy.arn().toCharArray()) {
      hash = 31 * hash + c;
    }
    StringBuilder id = new StringBuilder("ANPA");
    for (int i = 0; i < 17; i++) {
      id.append(alphabet.charAt((int) (hash & 31)));
      hash = Long.rotateRight(hash * 6364136223846793005L + 1442695040888963407L, 5);
    }
    return id.toString();
  }
}
