package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM's role calls: Create, Get, Delete and ListRoles, trust policies, boundaries and tags (state
 * guarded by {@link IamService}).
 */
record RoleOperations(IamResources resources) {

  ServiceReply createRole(IamInput input, QueryParameters parameters) {
    String path = input.optional("Path", IamResources.PATH, 1, 512);
    String name = IamResources.roleName(input);
    String document = input.required("AssumeRolePolicyDocument", IamResources.DOCUMENT, 1, 131072);
    String description = input.optional("Description", IamResources.DESCRIPTION, 0, 1000);
    int maxSession = input.optionalInt("MaxSessionDuration", 3600, 43200, 3600);
    String boundary = input.optional("PermissionsBoundary", null, 20, 2048);
    Map<String, String> tags = input.tags("Tags", false);
    input.throwIfInvalid();
    if (resources.roles.containsKey(IamResources.key(name))) {
      throw IamErrors.ALREADY_EXISTS.because("Role with name " + name + " already exists.");
    }
    JsonNode trustPolicy = resources.trustPolicy(document);
    if (boundary != null) {
      resources.requireAttachable(boundary, true);
    }
    IamResources.checkReservedTags(tags);
    Role role =
        resources.newRole(
            name,
            path == null ? "/" : path,
            document,
            trustPolicy,
            description,
            maxSession,
            boundary,
            true);
    role.tags.putAll(tags);
    resources.roles.put(IamResources.key(name), role);
    return ServiceReply.xml(xml -> writeRole(xml.start("Role"), role, false).end());
  }

  ServiceReply getRole(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    input.throwIfInvalid();
    Role role = resources.role(name);
    return ServiceReply.xml(xml -> writeRole(xml.start("Role"), role, true).end());
  }

  ServiceReply deleteRole(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    input.throwIfInvalid();
    Role role = resources.role(name);
    if (!role.attachedPolicyArns.isEmpty()) {
      throw IamErrors.DELETE_CONFLICT.because(
          "Cannot delete entity, must detach all policies first.");
    }
    if (!role.inlinePolicies.isEmpty()) {
      throw IamErrors.DELETE_CONFLICT.because("Cannot delete entity, must delete policies first.");
    }
    resources.roles.remove(IamResources.key(name));
    return ServiceReply.noResult();
  }

  ServiceReply updateAssumeRolePolicy(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String document = input.required("PolicyDocument", IamResources.DOCUMENT, 1, 131072);
    input.throwIfInvalid();
    Role role = resources.role(name);
    JsonNode trustPolicy = resources.trustPolicy(document);
    role.previousTrustPolicy = role.trustPolicy;
    role.trustChangedAt = resources.clock.instant();
    role.assumeRolePolicyDocument = document;
    role.trustPolicy = trustPolicy;
    return ServiceReply.noResult();
  }

  ServiceReply putRolePermissionsBoundary(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    String boundary = input.required("PermissionsBoundary", null, 20, 2048);
    input.throwIfInvalid();
    Role role = resources.role(name);
    resources.requireAttachable(boundary, true);
    role.permissionsBoundaryArn = boundary;
    return ServiceReply.noResult();
  }

  ServiceReply tagRole(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    Map<String, String> tags = input.tags("Tags", true);
    input.throwIfInvalid();
    Role role = resources.role(name);
    IamResources.checkReservedTags(tags);
    Map<String, String> merged = new LinkedHashMap<>(role.tags);
    merged.putAll(tags);
    if (merged.size() > IamResources.MAX_TAGS) {
      throw IamErrors.LIMIT_EXCEEDED.because(
          "Cannot exceed quota for TagsPerRole: " + IamResources.MAX_TAGS);
    }
    role.tags.putAll(tags);
    return ServiceReply.noResult();
  }

  ServiceReply listRoleTags(IamInput input, QueryParameters parameters) {
    String name = IamResources.roleName(input);
    IamPages.Request paging = IamPages.Request.read(input);
    input.throwIfInvalid();
    Role role = resources.role(name);
    IamPages.Page<Map.Entry<String, String>> page =
        paging.page(new ArrayList<>(role.tags.entrySet()));
    return IamPages.reply(
        "Tags",
        page,
        (xml, tag) -> xml.element("Key", tag.getKey()).element("Value", tag.getValue()));
  }

  ServiceReply listRoles(IamInput input, QueryParameters parameters) {
    String pathPrefix = input.optional("PathPrefix", IamResources.PATH_PREFIX, 1, 512);
    IamPages.Request paging = IamPages.Request.read(input);
    input.throwIfInvalid();
    List<Role> matching =
        resources.roles.values().stream()
            .filter(role -> pathPrefix == null || role.path.startsWith(pathPrefix))
            .toList();
    IamPages.Page<Role> page = paging.page(matching);
    // IAM API reference, ListRoles: the list leaves out PermissionsBoundary, RoleLastUsed and
    // Tags, though they are attributes of a role.
    return IamPages.reply("Roles", page, RoleOperations::writeRoleSummary);
  }

  /** The attributes ListRoles returns of a role. */
  private static XmlWriter writeRoleSummary(XmlWriter xml, Role role) {
    return xml.element("Path", role.path)
        .element("RoleName", role.name)
        .element("RoleId", role.roleId)
        .element("Arn", role.arn)
        .element("CreateDate", role.createDate)
        .element("AssumeRolePolicyDocument", IamResources.urlEncode(role.assumeRolePolicyDocument))
        .element("Description", role.description)
        .element("MaxSessionDuration", role.maxSessionDuration);
  }

  private static XmlWriter writeRole(XmlWriter xml, Role role, boolean withLastUsed) {
    writeRoleSummary(xml, role);
    if (role.permissionsBoundaryArn != null) {
      xml.start("PermissionsBoundary")
          .element("PermissionsBoundaryType", "Policy")
          .element("PermissionsBoundaryArn", role.permissionsBoundaryArn)
          .end();
    }
    if (!role.tags.isEmpty()) {
      xml.start("Tags");
      role.tags.forEach(
          (key, value) -> xml.start("member").element("Key", key).element("Value", value).end());
      xml.end();
    }
    if (withLastUsed) {
      xml.emptyElement("RoleLastUsed");
    }
    return xml;
  }
}
