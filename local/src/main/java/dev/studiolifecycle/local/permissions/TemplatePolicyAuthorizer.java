package dev.studiolifecycle.local.permissions;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.CallAuthorizer;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.KmsKeys;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.StudioUserCaller;
import dev.studiolifecycle.local.emulator.iam.IamService;
import dev.studiolifecycle.local.emulator.sagemaker.SageMakerService;
import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM at the call: every AWS call a template function or state machine makes locally is evaluated
 * against that resource's own policy in template.yaml (its action, the actions the call implies,
 * resources, conditions and explicit denies, with role paths, tags and boundaries read from the
 * emulated IAM as the call arrives), and against the explicit denies of the template's topic and
 * bucket policies ({@link ResourcePolicies}), and refused the way AWS refuses it. A Studio user's
 * calls are evaluated against the user's execution role, in a Studio session: the role's identity
 * policies must allow the call, its permissions boundary must allow it, and no policy may deny it.
 * An attached AWS managed policy whose document the catalogue does not hold allows nothing here
 * (the stricter reading). Calls that carry no caller are an operator's (the AWS CLI, a test's
 * setup) and are let through.
 */
public final class TemplatePolicyAuthorizer implements CallAuthorizer {

  private final SamTemplate template;
  private final IamService iam;
  private final SageMakerService sageMaker;
  private final CallPermissions permissions;
  private final TemplatePrincipals principals;
  private final ResourcePolicies resourcePolicies;

  public TemplatePolicyAuthorizer(
      SamTemplate template, IamService iam, SageMakerService sageMaker) {
    this.template = Objects.requireNonNull(template, "template");
    this.iam = Objects.requireNonNull(iam, "iam");
    this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
    this.resourcePolicies = new ResourcePolicies(template::resourcePolicies);
    this.principals = new TemplatePrincipals(template, iam);
    this.permissions =
        CallPermissions.live(
            roleName ->
                iam.roleView(roleName)
                    .map(
                        role ->
                            new CallPermissions.RoleFacts(
                                role.path(), role.tags(), role.permissionsBoundaryArn())),
            (domainId, spaceName) ->
                sageMaker
                    .spaceOwnership(domainId, spaceName)
                    .map(
                        space ->
                            new CallPermissions.SpaceFacts(
                                space.ownerUserProfileName(), space.sharingType())),
            sageMaker::tagsOf);
  }

  @Override
  public Optional<String> denial(
      EmulatedService service, ServiceRequest request, String iamAction) {
    if (request.caller() == null) {
      return Optional.empty();
    }
    Optional<StudioUserCaller> user = StudioUserCaller.parse(request.caller());
    if (user.isPresent()) {
      return userDenial(user.get(), service, request, iamAction);
    }
    Optional<TemplatePrincipal> principal = principals.of(request.caller());
    if (principal.isEmpty()) {
      return Optional.of(
          "The caller "
              + request.caller()
              + " is neither a function nor a state machine of "
              + template.file()
              + ", so no policy allows its calls");
    }
    TemplatePrincipal caller = principal.get();
    return firstDenial(
        caller, service, request, iamAction, authorization -> callDenial(caller, authorization));
  }

  /** One authorization of a template resource's call: its own policy, then resource policies. */
  private Optional<String> callDenial(TemplatePrincipal caller, IamRequest authorization) {
    return caller
        .identityDenial(authorization)
        .or(
            () ->
                resourcePolicies
                    .explicitDeny(caller.arn(), authorization)
                    .map(why -> caller.notAuthorized(authorization, why)));
  }

  /**
   * Why Lambda may not send a template function's failed asynchronous invocation to the SQS queue
   * of its OnFailure destination, or empty when it may. Lambda sends it as the function's role; a
   * permissions error is a delivery failure and the record is dropped (Lambda developer guide,
   * "Capturing records of Lambda asynchronous invocations"). So the role must allow {@code
   * sqs:SendMessage} on the queue (SAM adds that statement for an OnFailure of Type SQS), no queue
   * policy may deny it, and a queue under a customer managed key must let the role {@code
   * kms:GenerateDataKey} and {@code kms:Decrypt} through SQS, as any producer of an encrypted queue
   * (SQS developer guide, "Amazon SQS Key management"); the AWS managed key {@code aws/sqs} serves
   * every principal of the account.
   */
  public Optional<String> destinationDenial(String functionLogicalId, String queueArn) {
    TemplatePrincipal function =
        principals
            .of(functionLogicalId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        functionLogicalId + " is not a function of the template"));
    IamRequest send =
        new IamRequest(
            "sqs:SendMessage",
            queueArn,
            Map.of(),
            "Lambda sending a failed asynchronous invocation to its OnFailure destination");
    Optional<String> denial = function.checked(send, asked -> callDenial(function, asked));
    Optional<String> declared = template.queueKey(queueArn);
    if (denial.isPresent() || declared.isEmpty()) {
      return denial;
    }
    Optional<String> keyArn;
    try {
      keyArn = KmsKeys.customerKeyArn(declared.get(), "sqs");
    } catch (IllegalArgumentException unknown) {
      return Optional.of(unknown.getMessage());
    }
    return keyArn.isEmpty()
        ? Optional.empty()
        : keyDenial(
            function,
            keyArn.get(),
            List.of("kms:GenerateDataKey", "kms:Decrypt"),
            "sqs." + LocalAccount.REGION + ".amazonaws.com",
            Map.of());
  }

  /**
   * A template function's or state machine's use of a KMS key through a service (an encrypted SNS
   * topic: SNS developer guide, "Managing Amazon SNS encryption keys", "The publisher must have the
   * kms:GenerateDataKey and kms:Decrypt permissions"; an SSE-KMS bucket: S3 User Guide, SSE-KMS),
   * with {@code kms:ViaService}, {@code kms:CallerAccount} and the service's encryption context as
   * {@code kms:EncryptionContext:*}, evaluated as KMS does ({@link KeyAccess}): the template key's
   * policy first, then the caller's own policy where the key policy lets IAM policies allow. A key
   * the template does not create is refused (its key policy cannot be read), as is a Studio user's
   * use of a key (no flow of the product has one).
   */
  @Override
  public Optional<String> keyDenial(
      ServiceRequest request,
      String keyArn,
      List<String> kmsActions,
      String viaService,
      Map<String, String> encryptionContext) {
    if (request.caller() == null) {
      return Optional.empty();
    }
    Optional<TemplatePrincipal> principal = principals.of(request.caller());
    if (principal.isEmpty()) {
      return Optional.of(
          "The caller "
              + request.caller()
              + " is not a function or state machine of "
              + template.file()
              + ", and the local runtime evaluates no one else's use of KMS key "
              + keyArn);
    }
    return keyDenial(principal.get(), keyArn, kmsActions, viaService, encryptionContext);
  }

  private Optional<String> keyDenial(
      TemplatePrincipal principal,
      String keyArn,
      List<String> kmsActions,
      String viaService,
      Map<String, String> encryptionContext) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    context.put("kms:ViaService", List.of(viaService));
    context.put("kms:CallerAccount", List.of(LocalAccount.ACCOUNT_ID));
    encryptionContext.forEach(
        (key, value) -> context.put("kms:EncryptionContext:" + key, List.of(value)));
    Optional<KeyResource> key = template.key(keyArn);
    if (key.isEmpty()) {
      return Optional.of(
          "KMS key "
              + keyArn
              + " is not a key of "
              + template.file()
              + ": the local runtime cannot read its key policy, and KMS lets no one use a key"
              + " whose key policy does not allow it");
    }
    for (String action : kmsActions) {
      IamRequest use = new IamRequest(action, keyArn, context, "the KMS key of " + viaService);
      Optional<String> denial =
          principal.checked(
              use,
              asked ->
                  KeyAccess.refusal(key.get(), principal.arn(), principal.statements(), asked)
                      .map(why -> principal.notAuthorized(asked, why))
                      .or(
                          () ->
                              principal.boundaryDenial(
                                  ResourcePolicies.withGlobalKeys(asked, principal.arn()))));
      if (denial.isPresent()) {
        return denial;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a state machine of the template may not invoke a function, or empty when it may: the {@code
   * lambda:InvokeFunction} of its Lambda tasks.
   */
  public Optional<String> invokeDenial(String stateMachineLogicalId, String functionArn) {
    return stateMachineDenial(
        stateMachineLogicalId,
        new IamRequest("lambda:InvokeFunction", functionArn, Map.of(), "a Lambda task"));
  }

  /**
   * What the developer guide's "IAM policies for using Distributed Map states" gives as the least
   * privileges for a ResultWriter that exports a Map Run's results to S3, on each object written:
   * Step Functions writes them with multipart uploads, so besides {@code s3:PutObject} it asks for
   * reading, listing the parts of and aborting an upload. Locally each file is one PutObject; the
   * role must hold them all, as on AWS.
   */
  public static final List<String> RESULT_WRITER_ACTIONS =
      List.of(
          "s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload");

  /**
   * Why a template state machine's role may not run a Distributed Map, or empty when it may: the
   * developer guide's "IAM policies for using Distributed Map states" asks for {@code
   * states:StartExecution} on the state machine (the Map Run's children are its executions) and
   * {@code states:DescribeExecution} on its executions ({@code execution:<name>:*}, which the
   * running execution is).
   */
  public Optional<String> mapRunDenial(
      String stateMachineLogicalId, String stateMachineArn, String executionArn) {
    return stateMachineDenial(
            stateMachineLogicalId,
            new IamRequest(
                "states:StartExecution",
                stateMachineArn,
                Map.of(),
                "the child workflow executions of a Distributed Map"))
        .or(
            () ->
                stateMachineDenial(
                    stateMachineLogicalId,
                    new IamRequest(
                        "states:DescribeExecution",
                        executionArn,
                        Map.of(),
                        "the Distributed Map of this execution")));
  }

  /**
   * The rule through which EventBridge tells Step Functions that a {@code .sync} child execution
   * ended (developer guide, "IAM policies for AWS Step Functions", Synchronous).
   */
  public static final String MANAGED_RULE =
      "rule/StepFunctionsGetEventsForStepFunctionsExecutionRule";

  /**
   * Why a template state machine's role may not create the managed rule its {@code .sync} tasks
   * need, or empty when it may: Step Functions creates it when the state machine is created or
   * updated (developer guide, "How Step Functions generates IAM policies for integrated services":
   * "the role requires permissions for events:PutTargets, events:PutRule, and
   * events:DescribeRule"), and CreateStateMachine refuses a role without them.
   */
  public Optional<String> managedRuleDenial(String stateMachineLogicalId) {
    return anyDenied(
        stateMachineLogicalId,
        List.of("events:PutTargets", "events:PutRule", "events:DescribeRule"),
        LocalAccount.arn("events", MANAGED_RULE),
        Map.of(),
        "the managed rule of a .sync task");
  }

  /**
   * The actions the developer guide's "Logging using CloudWatch Logs" asks of a state machine's
   * role that logs to CloudWatch Logs, on {@code *} (CloudWatch Logs' delivery actions take no
   * resource type).
   */
  public static final List<String> LOG_DELIVERY_ACTIONS =
      List.of(
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups");

  /**
   * Why a template state machine that logs to CloudWatch Logs may not be created with its role:
   * Step Functions sets up the log delivery as the role when the state machine is created, and
   * refuses a role without {@link #LOG_DELIVERY_ACTIONS}.
   */
  public Optional<String> logDeliveryDenial(String stateMachineLogicalId) {
    return anyDenied(
        stateMachineLogicalId, LOG_DELIVERY_ACTIONS, "*", Map.of(), "its log delivery");
  }

  /** The first of {@code actions} on {@code resource} that the state machine's role may not do. */
  private Optional<String> anyDenied(
      String stateMachineLogicalId,
      List<String> actions,
      String resource,
      Map<String, List<String>> context,
      String because) {
    return anyDenied(stateMachine(stateMachineLogicalId), actions, resource, context, because);
  }

  /**
   * The first of {@code actions} on {@code resource} that the principal's policy does not allow.
   */
  private static Optional<String> anyDenied(
      TemplatePrincipal principal,
      List<String> actions,
      String resource,
      Map<String, List<String>> context,
      String because) {
    for (String action : actions) {
      Optional<String> denial =
          principal.checked(
              new IamRequest(action, resource, context, because),
              authorization -> principal.identityDenial(authorization));
      if (denial.isPresent()) {
        return denial;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a template state machine's role may not export its Map Run's results to {@code
   * s3://bucket/key}, or empty when it may: every action of {@link #RESULT_WRITER_ACTIONS} on the
   * object, with {@code aws:ResourceAccount} (the local account's bucket) as every S3 object call
   * carries it here.
   */
  public Optional<String> resultWriterDenial(
      String stateMachineLogicalId, String bucket, String key) {
    return anyDenied(
        stateMachineLogicalId,
        RESULT_WRITER_ACTIONS,
        LocalAccount.s3Arn(bucket, key),
        Map.of("aws:ResourceAccount", List.of(LocalAccount.ACCOUNT_ID)),
        "a ResultWriter exporting a Map Run's results");
  }

  /**
   * Why a template state machine's role may not redrive a child workflow execution of its Map Run
   * (developer guide, "Redriving Map Runs": {@code states:RedriveExecution} on the child).
   */
  public Optional<String> mapRunRedriveDenial(
      String stateMachineLogicalId, String childExecutionArn) {
    return stateMachineDenial(
        stateMachineLogicalId,
        new IamRequest(
            "states:RedriveExecution",
            childExecutionArn,
            Map.of(),
            "the redrive of a Map Run's child workflow execution"));
  }

  private Optional<String> stateMachineDenial(String stateMachineLogicalId, IamRequest request) {
    TemplatePrincipal principal = stateMachine(stateMachineLogicalId);
    return principal.checked(request, authorization -> principal.identityDenial(authorization));
  }

  private TemplatePrincipal stateMachine(String logicalId) {
    return principals
        .of(logicalId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    logicalId + " is not a state machine of the template"));
  }

  /**
   * A Studio user's call, as the user's execution role (SageMaker developer guide, "How to use
   * SageMaker AI execution roles"): refused unless the role's identity policies (inline, customer
   * managed, and AWS managed policies of the catalogue with their documents) allow it and its
   * permissions boundary allows it, and refused when any of them denies it explicitly.
   */
  private Optional<String> userDenial(
      StudioUserCaller user, EmulatedService service, ServiceRequest request, String iamAction) {
    Optional<String> roleArn = sageMaker.executionRoleOf(user.domainId(), user.userProfileName());
    Optional<IamService.RoleView> role = roleArn.flatMap(iam::roleViewByArn);
    if (role.isEmpty()) {
      // No role to run as: SageMaker would not let the user into Studio at all.
      return Optional.of(
          "User profile "
              + user.userProfileName()
              + " of domain "
              + user.domainId()
              + " has no execution role that exists, so its calls cannot be authorized");
    }
    Map<String, List<String>> session = studioSession(user, role.get());
    TemplatePrincipal principal = principals.ofAccountRole(role.get(), "SageMaker");
    return firstDenial(
        principal,
        service,
        request,
        iamAction,
        authorization -> principal.denial(authorization.withSession(session)));
  }

  /**
   * The keys a Studio session's requests carry: the role's (aws:PrincipalArn, aws:PrincipalAccount,
   * aws:PrincipalTag/* from the role's tags; IAM User Guide, global condition context keys) and
   * Studio's own sagemaker:DomainId and sagemaker:UserProfileName, which AWS's Studio policies use
   * as policy variables (SageMaker developer guide, "Give your users access to spaces";
   * AmazonSageMakerFullAccess).
   */
  private Map<String, List<String>> studioSession(StudioUserCaller user, IamService.RoleView role) {
    Map<String, List<String>> session = new LinkedHashMap<>();
    session.put("aws:PrincipalArn", List.of(role.arn()));
    session.put("aws:PrincipalAccount", List.of(LocalAccount.ACCOUNT_ID));
    session.put("aws:PrincipalType", List.of("AssumedRole"));
    role.tags().forEach((key, value) -> session.put("aws:PrincipalTag/" + key, List.of(value)));
    session.put("sagemaker:DomainId", List.of(user.domainId()));
    session.put(
        "sagemaker:UserProfileName",
        List.of(
            sageMaker
                .userProfileName(user.domainId(), user.userProfileName())
                .orElse(user.userProfileName())));
    return session;
  }

  /**
   * The first authorization the call needs that {@code check} refuses, or empty when none is. A
   * call with no mapping to IAM actions and resources is refused rather than let through unchecked.
   */
  private Optional<String> firstDenial(
      TemplatePrincipal principal,
      EmulatedService service,
      ServiceRequest request,
      String iamAction,
      Function<IamRequest, Optional<String>> check) {
    List<IamRequest> needed;
    try {
      needed =
          permissions.requests(
              service.signingName(), request.operation(), iamAction, request.input());
    } catch (IllegalArgumentException unmapped) {
      return Optional.of(
          "User: "
              + principal.arn()
              + " is not authorized to perform: "
              + iamAction
              + " (the local runtime cannot tell which resources it needs: "
              + unmapped.getMessage()
              + ")");
    }
    for (IamRequest authorization : needed) {
      Optional<String> denied = principal.checked(authorization, check);
      if (denied.isPresent()) {
        return denied;
      }
    }
    return Optional.empty();
  }
}
