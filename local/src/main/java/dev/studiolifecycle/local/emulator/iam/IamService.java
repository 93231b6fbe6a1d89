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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;

/**
 * AWS IAM's role and policy APIs: roles with trust policies, paths, permissions boundaries and
 * tags; customer managed policies; attachments of those and of the AWS managed policies of {@link
 * AwsManagedPolicies} (no other AWS managed policy exists); inline policies; the conflicts and
 * quotas IAM enforces; and an optional propagation delay before SageMaker can assume a new role.
 *
 * <p>This class serves the calls one at a time under its lock and offers the Java API (settings,
 * seeding, inspection); the calls themselves are in {@link RoleOperations}, {@link
 * RolePolicyOperations} and {@link ManagedPolicyOperations}, seeding in {@link IamSeeding}, over
 * the shared {@link IamResources}.
 */
public final class IamService extends EmulatedService implements RoleAssumption {

  private final IamResources resources;
  private final IamSeeding seeding;
  private final List<Operation> operations;

  public IamService(Clock clock, IdSource ids) {
    super(
        "iam",
        new WireProtocol.AwsQuery("2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/"));
    this.resources =
        new IamResources(
            Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(ids, "ids"));
    this.seeding = new IamSeeding(resources);
    RoleOperations roleCalls = new RoleOperations(resources);
    RolePolicyOperations rolePolicyCalls = new RolePolicyOperations(resources);
    ManagedPolicyOperations policyCalls = new ManagedPolicyOperations(resources);
    this.operations =
        List.of(
            mutating("CreateRole", roleCalls::createRole),
            reading("GetRole", roleCalls::getRole),
            mutating("DeleteRole", roleCalls::deleteRole),
            mutating("UpdateAssumeRolePolicy", roleCalls::updateAssumeRolePolicy),
            mutating("PutRolePermissionsBoundary", roleCalls::putRolePermissionsBoundary),
            mutating("AttachRolePolicy", rolePolicyCalls::attachRolePolicy),
            mutating("DetachRolePolicy", rolePolicyCalls::detachRolePolicy),
            reading("ListAttachedRolePolicies", rolePolicyCalls::listAttachedRolePolicies),
            mutating("PutRolePolicy", rolePolicyCalls::putRolePolicy),
            reading("GetRolePolicy", rolePolicyCalls::getRolePolicy),
            mutating("DeleteRolePolicy", rolePolicyCalls::deleteRolePolicy),
            reading("ListRolePolicies", rolePolicyCalls::listRolePolicies),
            mutating("TagRole", roleCalls::tagRole),
            reading("ListRoleTags", roleCalls::listRoleTags),
            reading("ListRoles", roleCalls::listRoles),
            mutating("CreatePolicy", policyCalls::createPolicy),
            reading("GetPolicy", policyCalls::getPolicy),
            reading("ListPolicies", policyCalls::listPolicies));
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  // ---------------------------------------------------------------- Java API

  /**
   * Makes SageMaker refuse resources.roles created through the API less than {@code delay} of
   * resources.clock time ago, as IAM's eventual consistency does. Zero turns it off.
   */
  public synchronized void setPropagationDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the propagation delay must not be negative: " + delay);
    }
    resources.propagationDelay = delay;
  }

  public synchronized Duration propagationDelay() {
    return resources.propagationDelay;
  }

  @Override
  public synchronized boolean canAssume(String roleArn, String servicePrincipal) {
    Matcher matcher = IamResources.ROLE_ARN.matcher(roleArn);
    if (!matcher.matches() || !LocalAccount.ACCOUNT_ID.equals(matcher.group(1))) {
      return false;
    }
    Role role = resources.roles.get(IamResources.key(matcher.group(3)));
    if (role == null || !role.arn.equals(roleArn)) {
      return false;
    }
    Instant now = resources.clock.instant();
    if (role.createdThroughApi && now.isBefore(role.createDate.plus(resources.propagationDelay))) {
      return false;
    }
    if (role.trustChangedAt != null
        && now.isBefore(role.trustChangedAt.plus(resources.propagationDelay))) {
      // A trust policy change propagates like a new role: until then the old policy answers.
      return PolicyDocuments.trusts(role.previousTrustPolicy, servicePrincipal);
    }
    return PolicyDocuments.trusts(role.trustPolicy, servicePrincipal);
  }

  /** The names of all resources.roles, in creation order. */
  public synchronized List<String> roleNames() {
    return resources.roles.values().stream().map(role -> role.name).toList();
  }

  public synchronized boolean roleExists(String roleName) {
    return resources.roles.containsKey(IamResources.key(roleName));
  }

  /**
   * What IAM answers CloudFormation creating a role with these inline policies: each must be an
   * identity policy IAM accepts, and together they may have 10,240 characters without white space
   * (IAM User Guide, "IAM and AWS STS quotas"). Empty when IAM accepts them; nothing is created.
   */
  public Optional<String> inlinePoliciesRefusal(String roleName, List<String> documents) {
    int total = 0;
    for (String document : documents) {
      try {
        PolicyDocuments.checkIdentityPolicy(document);
      } catch (AwsServiceError refused) {
        return Optional.of(refused.code() + ": " + refused.getMessage());
      }
      total += IamResources.policySize(document);
    }
    if (total > IamResources.MAX_INLINE_POLICY_BYTES) {
      return Optional.of(
          "LimitExceeded: Maximum policy size of "
              + IamResources.MAX_INLINE_POLICY_BYTES
              + " bytes exceeded for role "
              + roleName
              + " (its inline policies have "
              + total
              + " characters without white space)");
    }
    return Optional.empty();
  }

  /**
   * What the service answers CloudFormation setting a resource-based policy (AWS::SNS::TopicPolicy,
   * AWS::SQS::QueuePolicy, AWS::S3::BucketPolicy): empty when the policy language and the service
   * accept it, else why not. The policy language is IAM's, so its grammar lives here.
   *
   * @param service the service prefix of the resource ({@code sns}, {@code sqs}, {@code s3})
   */
  public Optional<String> resourcePolicyRefusal(String document, String service) {
    try {
      PolicyDocuments.checkResourcePolicy(document, service);
      return Optional.empty();
    } catch (AwsServiceError refused) {
      return Optional.of(refused.getMessage());
    }
  }

  /**
   * What KMS answers CloudFormation creating a key with this key policy
   * (MalformedPolicyDocumentException): empty when it takes it. The principals are checked against
   * this IAM, so the key policy's check lives here with the policy language.
   *
   * @param stackRoles the ARNs of the stack's own roles, which CloudFormation creates first
   */
  public Optional<String> keyPolicyRefusal(String document, Collection<String> stackRoles) {
    try {
      PolicyDocuments.checkKeyPolicy(
          document, arn -> stackRoles.contains(arn) || roleViewByArn(arn).isPresent());
      return Optional.empty();
    } catch (AwsServiceError refused) {
      return Optional.of(refused.getMessage());
    }
  }

  /**
   * What IAM answers CloudFormation attaching {@code policyArn} to a role it creates, or setting it
   * as the role's permissions boundary: empty when the policy exists and may be attached (an AWS
   * managed policy of the catalogue that is not a service-linked role's, or a customer managed
   * policy of the account); else the error code and message, as AttachRolePolicy and
   * PutRolePermissionsBoundary give them. Nothing is changed.
   */
  public synchronized Optional<String> attachRefusal(String policyArn, boolean asBoundary) {
    try {
      resources.requireAttachable(policyArn, asBoundary);
      return Optional.empty();
    } catch (AwsServiceError refused) {
      return Optional.of(refused.code() + ": " + refused.getMessage());
    }
  }

  /**
   * What IAM answers CloudFormation creating a role with this trust policy (its size, its form, its
   * principals: a role of this account it names must exist, in IAM or among {@code stackRoles}, the
   * ARNs of the roles the same stack creates); empty when IAM accepts it.
   */
  public synchronized Optional<String> trustPolicyRefusal(
      String document, Collection<String> stackRoles) {
    try {
      IamResources.trustPolicy(
          document, arn -> stackRoles.contains(arn) || resources.roleArnExists(arn));
      return Optional.empty();
    } catch (AwsServiceError refused) {
      return Optional.of(refused.code() + ": " + refused.getMessage());
    }
  }

  /** How many managed policies IAM lets one role have attached (IAM and AWS STS quotas). */
  public static int attachedPoliciesQuota() {
    return IamResources.MAX_ATTACHED_POLICIES;
  }

  /**
   * What IAM holds of a role that authorization reads: its path, trust policy (as JSON), tags,
   * permissions boundary and policies. Empty when no role has that name (in any case).
   */
  public record RoleView(
      String roleName,
      String path,
      String arn,
      String trustPolicy,
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
    Role role = resources.roles.get(IamResources.key(roleName));
    if (role == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RoleView(
            role.name,
            role.path,
            role.arn,
            role.trustPolicy.toString(),
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
    Optional<AwsManagedPolicies.AwsManagedPolicy> aws = resources.awsPolicies.byArn(policyArn);
    if (aws.isPresent()) {
      return aws.get().defaultDocument().map(JsonNode::toString);
    }
    return resources.customerPolicy(policyArn).map(policy -> policy.document);
  }

  /** The role whose ARN is {@code roleArn} (path included), as {@link #roleView} gives it. */
  public synchronized Optional<RoleView> roleViewByArn(String roleArn) {
    return roleView(roleArn.substring(roleArn.lastIndexOf('/') + 1))
        .filter(view -> view.arn().equals(roleArn));
  }

  /** The managed policy ARNs attached to a role, if it exists. */
  public synchronized Optional<List<String>> attachedPolicies(String roleName) {
    Role role = resources.roles.get(IamResources.key(roleName));
    return role == null ? Optional.empty() : Optional.of(List.copyOf(role.attachedPolicyArns));
  }

  /** Adds a role as if it had existed for a while; returns its ARN. */
  public synchronized String seedRole(RoleSeed seed) {
    return seeding.role(seed);
  }

  /** Adds a customer managed policy (or replaces its document); returns its ARN. */
  public synchronized String seedManagedPolicy(ManagedPolicySeed seed) {
    return seeding.managedPolicy(seed);
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
}
