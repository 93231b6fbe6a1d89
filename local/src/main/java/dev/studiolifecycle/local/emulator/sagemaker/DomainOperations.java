package dev.studiolifecycle.local.emulator.sagemaker;

import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.pendingUntil;
import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import dev.studiolifecycle.local.emulator.json.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SageMaker's domain calls: CreateDomain, UpdateDomain, DeleteDomain, DescribeDomain, ListDomains,
 * and CreatePresignedDomainUrl (state guarded by {@link SageMakerService}).
 */
record DomainOperations(StudioResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply createDomain(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String name = SageMakerConstraints.requiredName(input, "DomainName");
    String authMode = input.requiredEnum("AuthMode", SageMakerConstraints.AUTH_MODES);
    JsonInput defaults = input.requiredObject("DefaultUserSettings");
    input.optionalStringList("SubnetIds", 16, SageMakerConstraints.SUBNET_ID, null);
    String vpcId = input.optionalString("VpcId", SageMakerConstraints.VPC_ID, 32);
    String access =
        input.optionalEnum("AppNetworkAccessType", List.of("PublicInternetOnly", "VpcOnly"));
    JsonInput domainSettings = input.optionalObject("DomainSettings");
    JsonInput spaceDefaults = input.optionalObject("DefaultSpaceSettings");
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    if ("VpcOnly".equals(access) && (vpcId == null || !input.has("SubnetIds"))) {
      throw SageMakerErrors.validation(
          "VpcId and SubnetIds are required when AppNetworkAccessType is VpcOnly.");
    }
    resources.requireAssumable(defaults.node().path("ExecutionRole").asText(null));
    if (spaceDefaults != null) {
      resources.requireAssumable(spaceDefaults.node().path("ExecutionRole").asText(null));
    }
    String domainId = resources.newDomainId();
    StatusTimeline<ResourceStatus> timeline =
        pendingUntil(now.plus(resources.timings.domainReady()), now);
    Domain domain =
        new Domain(
            domainId,
            name,
            authMode,
            defaults.node().deepCopy(),
            domainSettings == null ? null : domainSettings.node().deepCopy(),
            spaceDefaults == null ? null : spaceDefaults.node().deepCopy(),
            vpcId,
            request.input().has("SubnetIds") ? request.input().get("SubnetIds").deepCopy() : null,
            access != null ? access : "PublicInternetOnly",
            resources.newEfsId(),
            now,
            timeline);
    resources.add(domain, tags);
    ObjectNode out = JSON.objectNode();
    out.put("DomainArn", domain.arn());
    out.put("DomainId", domainId);
    out.put("Url", domain.url());
    return ServiceReply.json(out);
  }

  /**
   * UpdateDomain: the named default settings replace the domain's (UpdateUserProfile's rule), on a
   * domain that is InService; the domain is Updating for a moment.
   */
  ServiceReply updateDomain(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    JsonInput defaults = input.optionalObject("DefaultUserSettings");
    JsonInput forUpdate = input.optionalObject("DomainSettingsForUpdate");
    JsonInput spaceDefaults = input.optionalObject("DefaultSpaceSettings");
    input.optionalEnum("AppSecurityGroupManagement", List.of("Service", "Customer"));
    input.optionalStringList("SubnetIds", 16, SageMakerConstraints.SUBNET_ID, null);
    String access =
        input.optionalEnum("AppNetworkAccessType", List.of("PublicInternetOnly", "VpcOnly"));
    input.optionalEnum("TagPropagation", SageMakerConstraints.FEATURE_STATUS);
    input.optionalString("VpcId", SageMakerConstraints.VPC_ID, 32);
    input.throwIfInvalid();
    Domain domain = resources.domain(domainId);
    StudioResources.requireUpdatable("Domain", domain.arn(), domain.timeline.status(), false);
    if (defaults != null) {
      resources.requireAssumable(defaults.node().path("ExecutionRole").asText(null));
      domain.defaultUserSettings =
          StudioResources.merged(domain.defaultUserSettings, defaults.node());
    }
    if (spaceDefaults != null) {
      resources.requireAssumable(spaceDefaults.node().path("ExecutionRole").asText(null));
      domain.defaultSpaceSettings =
          StudioResources.merged(domain.defaultSpaceSettings, spaceDefaults.node());
    }
    if (forUpdate != null) {
      ObjectNode update = forUpdate.node().deepCopy();
      JsonNode rstudio = update.remove("RStudioServerProDomainSettingsForUpdate");
      ObjectNode settings = StudioResources.merged(domain.domainSettings, update);
      if (rstudio != null) {
        settings.set(
            "RStudioServerProDomainSettings",
            StudioResources.merged(settings.get("RStudioServerProDomainSettings"), rstudio));
      }
      domain.domainSettings = settings;
    }
    if (request.input().has("SubnetIds")) {
      domain.subnetIds = request.input().get("SubnetIds").deepCopy();
    }
    if (access != null) {
      domain.appNetworkAccessType = access;
    }
    resources.updating(domain.timeline, now);
    return ServiceReply.json("DomainArn", domain.arn());
  }

  /**
   * DeleteDomain: refused while the domain has user profiles or spaces (they must go first); the
   * domain is Deleting, then gone.
   */
  ServiceReply deleteDomain(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    JsonInput retention = input.optionalObject("RetentionPolicy");
    if (retention != null) {
      retention.optionalEnum("HomeEfsFileSystem", List.of("Retain", "Delete"));
    }
    input.throwIfInvalid();
    Domain domain = resources.domain(domainId);
    if (domain.timeline.status() == ResourceStatus.DELETING) {
      throw SageMakerErrors.IN_USE.because("Domain " + domain.arn() + " is already being deleted.");
    }
    List<String> left = new ArrayList<>();
    resources.profiles.values().stream()
        .filter(profile -> profile.domainId.equals(domainId))
        .forEach(profile -> left.add("user profile " + profile.name));
    resources.spaces.values().stream()
        .filter(space -> space.domainId.equals(domainId))
        .forEach(space -> left.add("space " + space.name));
    if (!left.isEmpty()) {
      throw SageMakerErrors.IN_USE.because(
          "Unable to delete domain "
              + domain.arn()
              + " because it has "
              + String.join(", ", left)
              + ". Delete them first.");
    }
    domain.timeline.set(ResourceStatus.DELETING, now);
    domain.timeline.thenGone(now.plus(resources.timings.userProfileDelete()));
    domain.timeline.settle(now);
    return ServiceReply.emptyJson();
  }

  ServiceReply describeDomain(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    input.throwIfInvalid();
    Domain domain = resources.domain(domainId);
    ObjectNode out = JSON.objectNode();
    out.put("DomainArn", domain.arn());
    out.put("DomainId", domain.domainId);
    out.put("DomainName", domain.domainName);
    out.put("HomeEfsFileSystemId", domain.homeEfsFileSystemId);
    out.put("Status", domain.timeline.status().wireName());
    out.set("CreationTime", timestamp(domain.creationTime));
    out.set("LastModifiedTime", timestamp(domain.timeline.changedAt()));
    out.put("AuthMode", domain.authMode);
    if (domain.defaultUserSettings != null) {
      out.set("DefaultUserSettings", domain.defaultUserSettings.deepCopy());
    }
    if (domain.domainSettings != null) {
      out.set("DomainSettings", domain.domainSettings.deepCopy());
    }
    out.put("AppNetworkAccessType", domain.appNetworkAccessType);
    if (domain.subnetIds != null) {
      out.set("SubnetIds", domain.subnetIds.deepCopy());
    }
    out.put("Url", domain.url());
    if (domain.singleSignOnApplicationArn != null) {
      out.put("SingleSignOnApplicationArn", domain.singleSignOnApplicationArn);
    }
    if (domain.vpcId != null) {
      out.put("VpcId", domain.vpcId);
    }
    if (domain.defaultSpaceSettings != null) {
      out.set("DefaultSpaceSettings", domain.defaultSpaceSettings.deepCopy());
    }
    return ServiceReply.json(out);
  }

  ServiceReply listDomains(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    ListQuery query = ListQuery.paging(input);
    input.throwIfInvalid();
    Pages.Page<Domain> page =
        query.page(
            resources.domains.values(),
            domain -> true,
            d -> d.creationTime,
            d -> d.timeline.changedAt());
    return ListQuery.reply(
        "Domains",
        page,
        (domain, item) -> {
          item.put("DomainArn", domain.arn());
          item.put("DomainId", domain.domainId);
          item.put("DomainName", domain.domainName);
          item.put("Status", domain.timeline.status().wireName());
          item.set("CreationTime", timestamp(domain.creationTime));
          item.set("LastModifiedTime", timestamp(domain.timeline.changedAt()));
          item.put("Url", domain.url());
        });
  }

  ServiceReply createPresignedDomainUrl(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    input.optionalInt("SessionExpirationDurationInSeconds", 1800, 43200, 43200);
    input.optionalInt("ExpiresInSeconds", 5, 300, 300);
    String spaceName = SageMakerConstraints.optionalName(input, "SpaceName");
    input.optionalString("LandingUri", null, 1023);
    input.throwIfInvalid();
    Domain domain = resources.domain(domainId);
    if (domain.usesSso()) {
      throw SageMakerErrors.validation(
          "CreatePresignedDomainUrl is not supported for domain "
              + domainId
              + ", which uses AuthMode SSO; users sign in through IAM Identity Center.");
    }
    UserProfile profile = resources.profile(domainId, name);
    if (profile.studioDisabled()) {
      throw profile.studioDisabledError();
    }
    if (spaceName != null) {
      resources.space(domainId, spaceName);
    }
    return ServiceReply.json(
        "AuthorizedUrl", domain.url() + "/auth?token=" + resources.ids.hex(64));
  }
}
