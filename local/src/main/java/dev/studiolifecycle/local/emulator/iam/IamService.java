package dev.studiolifecycle.local.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.OperationHandler;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.sagemaker.RoleAssumption;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS IAM's role and policy APIs: roles with trust policies, paths, permissions boundaries and
 * tags; customer managed policies; attachments of those and of the AWS managed policies of {@link
 * AwsManagedPolicies} (no other AWS managed policy exists); inline policies; the conflicts and
 * quotas IAM enforces; and an optional propagation delay before SageMaker can assume a new role.
 */
public final class IamService implements EmulatedService, RoleAssumption {

  static final int MAX_TAGS = 50;

  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH =
      Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
  private static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  private static final Pattern DOCUMENT =
      Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  private static final Pattern DESCRIPTION =
      Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
  private static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]+");
  private static final Pattern POLICY_ARN =
      Pattern.compile(
          "arn:aws:iam::(aws|\\d{12}):policy((?:/[A-Za-z0-9\\.,\\+@=_-]+)*/)" + "([\\w+=,.@-]+)");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role(/(?:[\\u0021-\\u007E]+/)?)([\\w+=,.@-]+)");
  private static final int MAX_ATTACHED_POLICIES = 10;
  private static final int MAX_INLINE_POLICY_BYTES = 10240;
  private static final int MAX_TRUST_POLICY_CHARS = 2048;
  private static final int MAX_MANAGED_POLICY_CHARS = 6144;
  private static final Pattern PATH_PREFIX = Pattern.compile("\\u002F[\\u0021-\\u007F]*");
  private static final String MARKER_PREFIX = "studio-lifecycle-marker:";

  private final Clock clock;
  private final IdSource ids;
  private final List<Operation> operations;

  /** Lower-case role name to role: IAM names are unique regardless of case. */
  private final Map<String, Role> roles = new LinkedHashMap<>();

  /** Lower-case policy name to customer managed policy: names are unique regardless of case. */
  private final Map<String, CustomerPolicy> customerPolicies = new LinkedHashMap<>();

  private final AwsManagedPolicies awsPolicies = AwsManagedPolicies.catalogue();
  private Duration propagationDelay = Duration.ZERO;

  public IamService(Clock clock, IdSource ids) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.operations =
        List.of(
            mutating("CreateRole", this::createRole),
            reading("GetRole", this::getRole),
            mutating("DeleteRole", this::deleteRole),
            mutating("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy),
            mutating("PutRolePermissionsBoundary", this::putRolePermissionsBoundary),
            mutating("AttachRolePolicy", this::attachRolePolicy),
            mutating("DetachRolePolicy", this::detachRolePolicy),
            reading("ListAttachedRolePolicies", this::listAttachedRolePolicies),
            mutating("PutRolePolicy", this::putRolePolicy),
            reading("GetRolePolicy", this::getRolePolicy),
            mutating("DeleteRolePolicy", this::deleteRolePolicy),
            reading("ListRolePolicies", this::listRolePolicies),
            mutating("TagRole", this::tagRole),
            reading("ListRoleTags", this::listRoleTags),
            reading("ListRoles", this::listRoles),
            mutating("CreatePolicy", this::createPolicy),
            reading("GetPolicy", this::getPolicy),
            reading("ListPolicies", this::listPolicies));
  }

  @Override
  public String signingName() {
    return "iam";
  }

  @Override
  public WireProtocol protocol() {
    return new WireProtocol.AwsQuery("2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/");
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  // ---------------------------------------------------------------- Java API

  /**
   * Makes SageMaker refuse roles created through the API less than {@code delay} of clock time ago,
   * as IAM's eventual consistency does. Zero turns it off.
   */
  public synchronized void setPropagationDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the propagation delay must not be negative: " + delay);
    }
    this.propagationDelay = delay;
  }

  public synchronized Duration propagationDelay() {
    return propagationDelay;
  }

  @Override
  public synchronized boolean canAssume(String roleArn, String servicePrincipal) {
    Matcher matcher = ROLE_ARN.matcher(roleArn);
    if (!matcher.matches() || !LocalAccount.ACCOUNT_ID.equals(matcher.group(1))) {
      return false;
    }
    Role role = roles.get(key(matcher.group(3)));
    if (role == null || !role.arn.equals(roleArn)) {
      return false;
    }
    Instant now = clock.instant();
    if (role.createdThroughApi && now.isBefore(role.createDate.plus(propagationDelay))) {
      return false;
    }
    if (role.trustChangedAt != null && now.isBefore(role.trustChangedAt.plus(propagationDelay))) {
      // A trust policy change propagates like a new role: until then the old policy answers.
      return PolicyDocuments.trusts(role.previousTrustPolicy, servicePrincipal);
    }
    return PolicyDocuments.trusts(role.trustPolicy, servicePrincipal);
  }

  /** Adds a role as if it had existed for a while; returns its ARN. */
  public synchronized String seedRole(RoleSeed seed) {
    String path = seed.path() == null ? "/" : seed.path();
    require(
        ROLE_NAME.matcher(seed.roleName()).matches() && seed.roleName().length() <= 64,
        "roleName '"
            + seed.roleName()
            + "' must match "
            + ROLE_NAME.pattern()
            + " (at most 64 characters)");
    require(
        PATH.matcher(path).matches(),
        "path '" + path + "' of role " + seed.roleName() + " must be / or start and end with /");
    require(
        !roles.containsKey(key(seed.roleName())), "role " + seed.roleName() + " is seeded twice");
    String trust =
        seed.assumeRolePolicyDocument() == null
            ? RoleSeed.SAGEMAKER_TRUST_POLICY
            : seed.assumeRolePolicyDocument();
    JsonNode trustPolicy =
        checkedForSeed(
            () -> PolicyDocuments.checkTrustPolicy(trust, this::roleArnExists),
            "trust policy of role " + seed.roleName());
    if (seed.permissionsBoundaryArn() != null) {
      checkedForSeed(
          () -> requireAttachable(seed.permissionsBoundaryArn(), true),
          "permissions boundary of role " + seed.roleName());
    }
    Role role =
        newRole(
            seed.roleName(),
            path,
            trust,
            trustPolicy,
            seed.description(),
            3600,
            seed.permissionsBoundaryArn(),
            false);
    role.tags.putAll(seed.tags());
    for (String policyArn : seed.attachedPolicyArns()) {
      checkedForSeed(
          () -> requireAttachable(policyArn, false), "attached policy of role " + seed.roleName());
      role.attachedPolicyArns.add(policyArn);
    }
    seed.inlinePolicies()
        .forEach(
            (name, document) -> {
              checkedForSeed(
                  () -> PolicyDocuments.checkIdentityPolicy(document),
                  "inline policy " + name + " of role " + seed.roleName());
              role.inlinePolicies.put(name, document);
            });
    roles.put(key(role.name), role);
    return role.arn;
  }

  /** Adds a customer managed policy; returns its ARN. */
  public synchronized String seedManagedPolicy(ManagedPolicySeed seed) {
    String path = seed.path() == null ? "/" : seed.path();
    require(
        POLICY_NAME.matcher(seed.policyName()).matches(),
        "policyName '" + seed.policyName() + "' must match " + POLICY_NAME.pattern());
    require(
        POLICY_PATH.matcher(path).matches(),
        "path '" + path + "' of policy " + seed.policyName() + " must be / or /a/b/");
    checkedForSeed(
        () -> PolicyDocuments.checkIdentityPolicy(seed.policyDocument()),
        "policy document of " + seed.policyName());
    CustomerPolicy existing = customerPolicies.get(key(seed.policyName()));
    require(
        existing == null || (existing.name.equals(seed.policyName()) && existing.path.equals(path)),
        "policy " + seed.policyName() + " exists already with another path or spelling");
    // Seeding a policy again (a template deployed once more) replaces its document.
    CustomerPolicy policy =
        existing == null
            ? newCustomerPolicy(seed.policyName(), path, seed.policyDocument(), null, Map.of())
            : new CustomerPolicy(
                existing.name,
                existing.path,
                existing.policyId,
                existing.arn,
                seed.policyDocument(),
                existing.description,
                existing.createDate,
                existing.tags);
    customerPolicies.put(key(policy.name), policy);
    return policy.arn;
  }

  /** The names of all roles, in creation order. */
  public synchronized List<String> roleNames() {
    return roles.values().stream().map(role -> role.name).toList();
  }

  public synchronized boolean roleExists(String roleName) {
    return roles.containsKey(key(roleName));
  }

  /**
   * What IAM holds of a role that authorization reads: its path, tags, permissions boundary and
   * policies. Empty when no role has that name (in any case).
   */
  public record RoleView(
      String roleName,
      String path,
      String arn,
      Map<String, String> tags,
      String permissionsBoundaryArn,
      List<String> attachedPolicyArns,
      Map<String, String> inlinePolicies) {

    public RoleView {
      tags = Map.copyOf(tags);
      attachedPolicyArns = List.copyOf(attachedPolicyArns);
      inlinePolicies = Map.copyOf(inlinePolicies);
    }
  }

  public synchronized Optional<RoleView> roleView(String roleName) {
    Role role = roles.get(key(roleName));
    if (role == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RoleView(
            role.name,
            role.path,
            role.arn,
            new LinkedHashMap<>(role.tags),
            role.permissionsBoundaryArn,
            role.attachedPolicyArns,
            role.inlinePolicies));
  }

  /**
   * The default document of a managed policy: a customer policy of the account, or an AWS managed
   * policy whose document the catalogue holds. Empty otherwise.
   */
  public synchronized Optional<String> managedPolicyDocument(String policyArn) {
    Optional<AwsManagedPolicies.AwsManagedPolicy> aws = awsPolicies.byArn(policyArn);
    if (aws.isPresent()) {
      return aws.get().defaultDocument().map(JsonNode::toString);
    }
    return customerPolicy(policyArn).map(policy -> policy.document);
  }

  /** The managed policy ARNs attached to a role, if it exists. */
  public synchronized Optional<List<String>> attachedPolicies(String roleName) {
    Role role = roles.get(key(roleName));
    return role == null ? Optional.empty() : Optional.of(List.copyOf(role.attachedPolicyArns));
  }

  // ---------------------------------------------------------------- operations

  private ServiceReply createRole(IamInput input, QueryParameters parameters) {
    String path = input.optional("Path", PATH, 1, 512);
    String name = roleName(input);
    String document = input.required("AssumeRolePolicyDocument", DOCUMENT, 1, 131072);
    String description = input.optional("Description", DESCRIPTION, 0, 1000);
    int maxSession = input.optionalInt("MaxSessionDuration", 3600, 43200, 3600);
    String boundary = input.optional("PermissionsBoundary", null, 20, 2048);
    Map<String, String> tags = input.tags("Tags", false);
    input.throwIfInvalid();
    if (roles.containsKey(key(name))) {
      throw IamErrors.alreadyExists("Role with name " + name + " already exists.");
    }
    JsonNode trustPolicy = trustPolicy(document);
    if (boundary != null) {
      requireAttachable(boundary, true);
    }
    checkReservedTags(tags);
    Role role =
        newRole(
            name,
            path == null ? "/" : path,
            document,
            trustPolicy,
            description,
            maxSession,
            boundary,
            true);
    role.tags.putAll(tags);
    roles.put(key(name), role);
    return ServiceReply.xml(xml -> writeRole(xml.start("Role"), role, false).end());
  }

  /** The RoleName member, checked against IAM's pattern and length. */
  private static String roleName(IamInput input) {
    return input.required("RoleName", ROLE_NAME, 1, 64);
  }

  /** A role's trust policy document, within the size quota and valid, as a JSON tree. */
  private JsonNode trustPolicy(String document) {
    if (document.length() > MAX_TRUST_POLICY_CHARS) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY_CHARS);
    }
    return PolicyDocuments.checkTrustPolicy(document, this::roleArnExists);
  }

  /** Whether a role ARN of this account names a role that exists, path included. */
  private boolean roleArnExists(String roleArn) {
    Matcher matcher = ROLE_ARN.matcher(roleArn);
    if (!matcher.matches()) {
      return false;
    }
    Role role = roles.get(key(matcher.group(3)));
    return role != null && role.arn.equals(roleArn);
  }

  private ServiceReply getRole(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    input.throwIfInvalid();
    Role role = role(name);
    return ServiceReply.xml(xml -> writeRole(xml.start("Role"), role, true).end());
  }

  private ServiceReply deleteRole(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    input.throwIfInvalid();
    Role role = role(name);
    if (!role.attachedPolicyArns.isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    if (!role.inlinePolicies.isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
    }
    roles.remove(key(name));
    return ServiceReply.noResult();
  }

  private ServiceReply updateAssumeRolePolicy(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String document = input.required("PolicyDocument", DOCUMENT, 1, 131072);
    input.throwIfInvalid();
    Role role = role(name);
    JsonNode trustPolicy = trustPolicy(document);
    role.previousTrustPolicy = role.trustPolicy;
    role.trustChangedAt = clock.instant();
    role.assumeRolePolicyDocument = document;
    role.trustPolicy = trustPolicy;
    return ServiceReply.noResult();
  }

  private ServiceReply putRolePermissionsBoundary(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String boundary = input.required("PermissionsBoundary", null, 20, 2048);
    input.throwIfInvalid();
    Role role = role(name);
    requireAttachable(boundary, true);
    role.permissionsBoundaryArn = boundary;
    return ServiceReply.noResult();
  }

  private ServiceReply attachRolePolicy(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String policyArn = input.required("PolicyArn", null, 20, 2048);
    input.throwIfInvalid();
    Role role = role(name);
    requireAttachable(policyArn, false);
    if (!role.attachedPolicyArns.contains(policyArn)) {
      if (role.attachedPolicyArns.size() >= MAX_ATTACHED_POLICIES) {
        throw IamErrors.limitExceeded(
            "Cannot exceed quota for PoliciesPerRole: " + MAX_ATTACHED_POLICIES);
      }
      role.attachedPolicyArns.add(policyArn);
    }
    return ServiceReply.noResult();
  }

  private ServiceReply detachRolePolicy(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String policyArn = input.required("PolicyArn", null, 20, 2048);
    input.throwIfInvalid();
    Role role = role(name);
    if (!POLICY_ARN.matcher(policyArn).matches()) {
      throw IamErrors.invalidInput("ARN " + policyArn + " is not valid.");
    }
    if (!role.attachedPolicyArns.remove(policyArn)) {
      throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
    }
    return ServiceReply.noResult();
  }

  private ServiceReply listAttachedRolePolicies(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String pathPrefix = input.optional("PathPrefix", POLICY_PATH, 1, 512);
    String marker = input.optional("Marker", MARKER, 1, 320);
    int maxItems = input.optionalInt("MaxItems", 1, 1000, 100);
    input.throwIfInvalid();
    Role role = role(name);
    List<String> matching = new ArrayList<>();
    for (String arn : role.attachedPolicyArns) {
      Matcher matcher = POLICY_ARN.matcher(arn);
      if (matcher.matches() && (pathPrefix == null || matcher.group(2).startsWith(pathPrefix))) {
        matching.add(arn);
      }
    }
    Page<String> page = page(matching, marker, maxItems);
    return ServiceReply.xml(
        xml -> {
          xml.start("AttachedPolicies");
          for (String arn : page.items()) {
            Matcher matcher = POLICY_ARN.matcher(arn);
            matcher.matches();
            xml.start("member")
                .element("PolicyName", matcher.group(3))
                .element("PolicyArn", arn)
                .end();
          }
          xml.end();
          writePageEnd(xml, page);
        });
  }

  private ServiceReply putRolePolicy(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String policyName = input.required("PolicyName", POLICY_NAME, 1, 128);
    String document = input.required("PolicyDocument", DOCUMENT, 1, 131072);
    input.throwIfInvalid();
    Role role = role(name);
    PolicyDocuments.checkIdentityPolicy(document);
    int total = document.length();
    for (Map.Entry<String, String> entry : role.inlinePolicies.entrySet()) {
      if (!entry.getKey().equals(policyName)) {
        total += entry.getValue().length();
      }
    }
    if (total > MAX_INLINE_POLICY_BYTES) {
      throw IamErrors.limitExceeded(
          "Maximum policy size of "
              + MAX_INLINE_POLICY_BYTES
              + " bytes exceeded for role "
              + role.name);
    }
    role.inlinePolicies.put(policyName, document);
    return ServiceReply.noResult();
  }

  private ServiceReply getRolePolicy(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String policyName = input.required("PolicyName", POLICY_NAME, 1, 128);
    input.throwIfInvalid();
    Role role = role(name);
    String document = role.inlinePolicies.get(policyName);
    if (document == null) {
      throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
    }
    return ServiceReply.xml(
        xml ->
            xml.element("RoleName", role.name)
                .element("PolicyName", policyName)
                .element("PolicyDocument", urlEncode(document)));
  }

  private ServiceReply deleteRolePolicy(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String policyName = input.required("PolicyName", POLICY_NAME, 1, 128);
    input.throwIfInvalid();
    Role role = role(name);
    if (role.inlinePolicies.remove(policyName) == null) {
      throw IamErrors.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
    }
    return ServiceReply.noResult();
  }

  private ServiceReply listRolePolicies(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String marker = input.optional("Marker", MARKER, 1, 320);
    int maxItems = input.optionalInt("MaxItems", 1, 1000, 100);
    input.throwIfInvalid();
    Role role = role(name);
    Page<String> page = page(new ArrayList<>(role.inlinePolicies.keySet()), marker, maxItems);
    return ServiceReply.xml(
        xml -> {
          xml.start("PolicyNames");
          page.items().forEach(policy -> xml.element("member", policy));
          xml.end();
          writePageEnd(xml, page);
        });
  }

  private ServiceReply tagRole(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    Map<String, String> tags = input.tags("Tags", true);
    input.throwIfInvalid();
    Role role = role(name);
    checkReservedTags(tags);
    Map<String, String> merged = new LinkedHashMap<>(role.tags);
    merged.putAll(tags);
    if (merged.size() > MAX_TAGS) {
      throw IamErrors.limitExceeded("Cannot exceed quota for TagsPerRole: " + MAX_TAGS);
    }
    role.tags.putAll(tags);
    return ServiceReply.noResult();
  }

  private ServiceReply listRoleTags(IamInput input, QueryParameters parameters) {
    String name = roleName(input);
    String marker = input.optional("Marker", MARKER, 1, 320);
    int maxItems = input.optionalInt("MaxItems", 1, 1000, 100);
    input.throwIfInvalid();
    Role role = role(name);
    Page<Map.Entry<String, String>> page =
        page(new ArrayList<>(role.tags.entrySet()), marker, maxItems);
    return ServiceReply.xml(
        xml -> {
          xml.start("Tags");
          for (Map.Entry<String, String> tag : page.items()) {
            xml.start("member").element("Key", tag.getKey()).element("Value", tag.getValue()).end();
          }
          xml.end();
          writePageEnd(xml, page);
        });
  }

  private ServiceReply listRoles(IamInput input, QueryParameters parameters) {
    String pathPrefix = input.optional("PathPrefix", PATH_PREFIX, 1, 512);
    String marker = input.optional("Marker", MARKER, 1, 320);
    int maxItems = input.optionalInt("MaxItems", 1, 1000, 100);
    input.throwIfInvalid();
    List<Role> matching =
        roles.values().stream()
            .filter(role -> pathPrefix == null || role.path.startsWith(pathPrefix))
            .toList();
    Page<Role> page = page(matching, marker, maxItems);
    return ServiceReply.xml(
        xml -> {
          xml.start("Roles");
          // IAM API reference, ListRoles: the list leaves out PermissionsBoundary, RoleLastUsed
          // and Tags, though they are attributes of a role.
          page.items().forEach(role -> writeRoleSummary(xml.start("member"), role).end());
          xml.end();
          writePageEnd(xml, page);
        });
  }

  private ServiceReply createPolicy(IamInput input, QueryParameters parameters) {
    String name = input.required("PolicyName", POLICY_NAME, 1, 128);
    String path = input.optional("Path", POLICY_PATH, 1, 512);
    String document = input.required("PolicyDocument", DOCUMENT, 1, 131072);
    String description = input.optional("Description", null, 0, 1000);
    Map<String, String> tags = input.tags("Tags", false);
    input.throwIfInvalid();
    if (customerPolicies.containsKey(key(name))) {
      throw IamErrors.alreadyExists(
          "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }
    PolicyDocuments.checkIdentityPolicy(document);
    // IAM quotas: a managed policy's document is at most 6,144 characters, white space excluded.
    if (document.replaceAll("\\s", "").length() > MAX_MANAGED_POLICY_CHARS) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for PolicySize: " + MAX_MANAGED_POLICY_CHARS);
    }
    checkReservedTags(tags);
    CustomerPolicy policy =
        newCustomerPolicy(name, path == null ? "/" : path, document, description, tags);
    customerPolicies.put(key(name), policy);
    return ServiceReply.xml(xml -> writeCustomerPolicy(xml.start("Policy"), policy, true).end());
  }

  private ServiceReply getPolicy(IamInput input, QueryParameters parameters) {
    String arn = input.required("PolicyArn", null, 20, 2048);
    input.throwIfInvalid();
    if (!POLICY_ARN.matcher(arn).matches()) {
      throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
    }
    Optional<AwsManagedPolicies.AwsManagedPolicy> aws = awsPolicies.byArn(arn);
    if (aws.isPresent()) {
      return ServiceReply.xml(xml -> writeAwsPolicy(xml.start("Policy"), aws.get()).end());
    }
    CustomerPolicy policy =
        customerPolicy(arn)
            .orElseThrow(
                () ->
                    IamErrors.noSuchEntity(
                        "Policy " + arn + " does not exist or is not attachable."));
    return ServiceReply.xml(xml -> writeCustomerPolicy(xml.start("Policy"), policy, true).end());
  }

  private ServiceReply listPolicies(IamInput input, QueryParameters parameters) {
    String scope = input.optionalEnum("Scope", List.of("All", "AWS", "Local"));
    boolean onlyAttached = input.optionalBoolean("OnlyAttached");
    String pathPrefix = input.optional("PathPrefix", PATH_PREFIX, 1, 512);
    String usage =
        input.optionalEnum(
            "PolicyUsageFilter", List.of("PermissionsPolicy", "PermissionsBoundary"));
    String marker = input.optional("Marker", MARKER, 1, 320);
    int maxItems = input.optionalInt("MaxItems", 1, 1000, 100);
    input.throwIfInvalid();
    List<Consumer<XmlWriter>> matching = new ArrayList<>();
    if (!"Local".equals(scope)) {
      for (AwsManagedPolicies.AwsManagedPolicy policy : awsPolicies.all()) {
        if (listed(policy.arn(), policy.path(), pathPrefix, onlyAttached, usage)) {
          matching.add(xml -> writeAwsPolicySummary(xml, policy));
        }
      }
    }
    if (!"AWS".equals(scope)) {
      for (CustomerPolicy policy : customerPolicies.values()) {
        if (listed(policy.arn, policy.path, pathPrefix, onlyAttached, usage)) {
          matching.add(xml -> writeCustomerPolicy(xml, policy, false));
        }
      }
    }
    Page<Consumer<XmlWriter>> page = page(matching, marker, maxItems);
    return ServiceReply.xml(
        xml -> {
          xml.start("Policies");
          page.items()
              .forEach(
                  item -> {
                    xml.start("member");
                    item.accept(xml);
                    xml.end();
                  });
          xml.end();
          writePageEnd(xml, page);
        });
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
    int attached = attachmentCount(arn);
    int boundaries = boundaryUsageCount(arn);
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

  private int attachmentCount(String policyArn) {
    return (int)
        roles.values().stream().filter(r -> r.attachedPolicyArns.contains(policyArn)).count();
  }

  private int boundaryUsageCount(String policyArn) {
    return (int)
        roles.values().stream().filter(r -> policyArn.equals(r.permissionsBoundaryArn)).count();
  }

  private XmlWriter writeCustomerPolicy(XmlWriter xml, CustomerPolicy policy, boolean full) {
    xml.element("PolicyName", policy.name)
        .element("PolicyId", policy.policyId)
        .element("Arn", policy.arn)
        .element("Path", policy.path)
        .element("DefaultVersionId", "v1")
        .element("AttachmentCount", attachmentCount(policy.arn))
        .element("PermissionsBoundaryUsageCount", boundaryUsageCount(policy.arn))
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
        .element("AttachmentCount", attachmentCount(policy.arn()))
        .element("PermissionsBoundaryUsageCount", boundaryUsageCount(policy.arn()))
        .element("IsAttachable", true);
  }

  private XmlWriter writeAwsPolicy(XmlWriter xml, AwsManagedPolicies.AwsManagedPolicy policy) {
    return writeAwsPolicySummary(xml, policy);
  }

  /**
   * A stable id for an AWS managed policy. The catalogue does not record AWS's own policy ids, so
   * this is made from the name: the same in every run, in the form of IAM's ids.
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

  // ---------------------------------------------------------------- shared

  private Operation reading(String name, BiFunction<IamInput, QueryParameters, ServiceReply> op) {
    return Operation.reading(name, guarded(op));
  }

  private Operation mutating(String name, BiFunction<IamInput, QueryParameters, ServiceReply> op) {
    return Operation.mutating(name, guarded(op));
  }

  private OperationHandler guarded(BiFunction<IamInput, QueryParameters, ServiceReply> op) {
    return request -> {
      QueryParameters parameters = QueryParameters.of(request.input());
      synchronized (this) {
        return op.apply(new IamInput(parameters), parameters);
      }
    };
  }

  private Role newRole(
      String name,
      String path,
      String document,
      JsonNode trustPolicy,
      String description,
      int maxSession,
      String boundary,
      boolean throughApi) {
    String arn = LocalAccount.globalArn("iam", "role" + path + name);
    return new Role(
        name,
        path,
        "AROA" + ids.upperAlphanumeric(17),
        arn,
        clock.instant(),
        document,
        trustPolicy,
        description,
        maxSession,
        boundary,
        throughApi);
  }

  private Role role(String name) {
    Role role = roles.get(key(name));
    if (role == null) {
      throw IamErrors.noSuchEntity("The role with name " + name + " cannot be found.");
    }
    return role;
  }

  /**
   * A managed policy that can be attached or set as a boundary: an AWS managed policy of the
   * catalogue that is not a service-linked role's, or a customer managed policy of the account. IAM
   * answers NoSuchEntity for any other ARN of the right form.
   */
  private Void requireAttachable(String policyArn, boolean asBoundary) {
    Matcher matcher = POLICY_ARN.matcher(policyArn);
    if (!matcher.matches()) {
      throw IamErrors.invalidInput("ARN " + policyArn + " is not valid.");
    }
    boolean exists;
    if ("aws".equals(matcher.group(1))) {
      Optional<AwsManagedPolicies.AwsManagedPolicy> policy = awsPolicies.byArn(policyArn);
      if (policy.isPresent() && policy.get().forServiceLinkedRole()) {
        // IAM API reference, PolicyNotAttachableException: AWS service role policies can only be
        // attached to the service-linked role for that service.
        throw IamErrors.policyNotAttachable(
            "Cannot attach a Service Role Policy to a Customer Role.");
      }
      exists = policy.isPresent();
    } else {
      exists = customerPolicy(policyArn).isPresent();
    }
    if (!exists) {
      throw IamErrors.noSuchEntity(
          asBoundary
              ? "Scope ARN: " + policyArn + " does not exist or is not attachable."
              : "Policy " + policyArn + " does not exist or is not attachable.");
    }
    return null;
  }

  private Optional<CustomerPolicy> customerPolicy(String policyArn) {
    Matcher matcher = POLICY_ARN.matcher(policyArn);
    if (!matcher.matches() || !LocalAccount.ACCOUNT_ID.equals(matcher.group(1))) {
      return Optional.empty();
    }
    CustomerPolicy policy = customerPolicies.get(key(matcher.group(3)));
    return policy != null && policy.arn.equals(policyArn) ? Optional.of(policy) : Optional.empty();
  }

  private CustomerPolicy newCustomerPolicy(
      String name, String path, String document, String description, Map<String, String> tags) {
    String arn = LocalAccount.globalArn("iam", "policy" + path + name);
    return new CustomerPolicy(
        name,
        path,
        "ANPA" + ids.upperAlphanumeric(17),
        arn,
        document,
        description,
        clock.instant(),
        tags);
  }

  private static void checkReservedTags(Map<String, String> tags) {
    for (String key : tags.keySet()) {
      if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw IamErrors.invalidInput(
            "User-defined tag keys can't start with 'aws:'. This "
                + "prefix is reserved for AWS tags. (Key: "
                + key
                + ")");
      }
    }
  }

  /** The attributes ListRoles returns of a role. */
  private static XmlWriter writeRoleSummary(XmlWriter xml, Role role) {
    return xml.element("Path", role.path)
        .element("RoleName", role.name)
        .element("RoleId", role.roleId)
        .element("Arn", role.arn)
        .element("CreateDate", role.createDate)
        .element("AssumeRolePolicyDocument", urlEncode(role.assumeRolePolicyDocument))
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

  /** IAM returns policy documents URL-encoded (RFC 3986), which SDK users decode. */
  static String urlEncode(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private record Page<T>(List<T> items, String nextMarker) {}

  private static <T> Page<T> page(List<T> all, String marker, int maxItems) {
    int start = marker == null ? 0 : markerOffset(marker);
    start = Math.min(start, all.size());
    int end = Math.min(all.size(), start + maxItems);
    String next =
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((MARKER_PREFIX + end).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(List.copyOf(all.subList(start, end)), next);
  }

  private static int markerOffset(String marker) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (decoded.startsWith(MARKER_PREFIX)) {
        int offset = Integer.parseInt(decoded.substring(MARKER_PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through: a marker this service did not issue.
    }
    throw IamErrors.invalidInput("Invalid Marker: " + marker);
  }

  private static void writePageEnd(XmlWriter xml, Page<?> page) {
    xml.element("IsTruncated", page.nextMarker() != null);
    xml.element("Marker", page.nextMarker());
  }

  private static String key(String roleName) {
    return roleName.toLowerCase(Locale.ROOT);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Seeds get IllegalArgumentException (a scenario mistake), not an AWS error answer. */
  private static <T> T checkedForSeed(Supplier<T> check, String what) {
    try {
      return check.get();
    } catch (AwsServiceError e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }
}
