package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.task.ServiceIntegrations;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.iam.ManagedPolicySeed;
import dev.studiolifecycle.local.emulator.scenario.Scenario;
import dev.studiolifecycle.local.emulator.stepfunctions.StepFunctionsService;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.permissions.KeyPolicyLockout;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.JavaRuntime;
import dev.studiolifecycle.local.template.KeyResource;
import dev.studiolifecycle.local.template.ManagedPolicyResource;
import dev.studiolifecycle.local.template.ParameterResource;
import dev.studiolifecycle.local.template.ResourcePolicyResource;
import dev.studiolifecycle.local.template.RoleResource;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.template.TableResource;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.template.TopicResource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Step Functions on an emulator: one interpreter engine on the emulator's clock, with the task
 * integrations a local run offers (the template's Lambda functions in-process, {@code sns:publish}
 * and {@code aws-sdk:*} tasks against the emulator), the Step Functions API served by the emulator
 * on top of it, and what {@code sam deploy} would have created from a template before the first
 * execution: its SNS topics, managed policies and state machines.
 *
 * <p>The engine is not driven here: whoever owns it either drives it in virtual time ({@link
 * #awaitExecution}, {@link ExecutionEngine#runUntilIdle}) or lets a background thread do so ({@link
 * ExecutionEngine#startBackground}). Handlers build their SDK clients from the standard
 * configuration, so point it at the emulator first ({@code LocalAwsEnvironment.pointAt}).
 */
public final class LocalStepFunctions implements AutoCloseable {

  /** The seed of retry jitter, intrinsic functions and execution names unless one is given. */
  static final long DEFAULT_RANDOM_SEED = 20260105L;

  private final EmulatorSdkIntegrations clients;
  private final ServiceIntegrations integrations;
  private final ExecutionEngine engine;
  private final StepFunctionsService stepFunctions;
  private final LambdaRuntime functions;
  private final TemplatePolicyAuthorizer authorizer;
  private final Map<String, StateMachine> deployed = new LinkedHashMap<>();

  private LocalStepFunctions(Builder builder) {
    AwsEmulator emulator = builder.emulator;
    this.clients = EmulatorSdkIntegrations.connect(emulator);
    try {
      // Without a template there are no functions: Lambda tasks are accepted, as by AWS, and
      // fail when they run with Lambda.ResourceNotFoundException.
      this.functions =
          LambdaRuntime.builder(
                  builder.template == null ? List.of() : builder.template.functions().values())
              .handlerOutput(builder.handlerOutput)
              .clock(emulator.clock())
              .build();
      // A nested execution's end is the engine's to tell; the engine is built on the integrations.
      AtomicReference<ExecutionEngine> built = new AtomicReference<>();
      this.integrations =
          clients
              .registerOn(
                  ServiceIntegrations.builder(),
                  executionArn ->
                      Optional.ofNullable(built.get())
                          .flatMap(engine -> engine.execution(executionArn))
                          .map(Execution::completion))
              .lambda(functions)
              .build();
      TaskInvoker tasks = integrations;
      TemplatePolicyAuthorizer authorizer = null;
      if (builder.template != null) {
        if (builder.iamEnforced) {
          authorizer =
              new TemplatePolicyAuthorizer(builder.template, emulator.iam(), emulator.sageMaker());
          emulator.authorizer(authorizer);
        }
        tasks = new StateMachineTaskInvoker(integrations, builder.template, authorizer);
      }
      this.engine =
          ExecutionEngine.builder(emulator.clock())
              .taskInvoker(tasks)
              .random(new Random(builder.randomSeed))
              .mapRunServices(
                  new EmulatorMapRunServices(clients.s3(), builder.template, authorizer))
              .build();
      this.authorizer = authorizer;
      built.set(engine);
      this.stepFunctions = new StepFunctionsService(engine, builder.randomSeed);
      emulator.register(stepFunctions);
      if (builder.template != null) {
        deploy(builder.template, emulator, authorizer);
      }
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  /** The template's policies, evaluated at each call, when IAM is enforced; else null. */
  TemplatePolicyAuthorizer authorizer() {
    return authorizer;
  }

  /** Step Functions for a started emulator. */
  public static Builder builder(AwsEmulator emulator) {
    return new Builder(emulator);
  }

  /**
   * The template parameter values for a local deployment: {@code given}, plus a domain for a {@code
   * DomainId} parameter that has no Default and no given value (the first domain of the scenario
   * with an id, else {@value LocalWorkflowRuntime#DEFAULT_DOMAIN_ID}), plus the scenario's team
   * settings as {@code TeamSettings} when not given.
   */
  public static Map<String, String> parameters(
      Path templateFile, Map<String, String> given, Scenario scenario) {
    Map<String, String> values = new LinkedHashMap<>(given);
    if (!values.containsKey("DomainId")
        && SamTemplate.parametersWithoutDefault(templateFile).contains("DomainId")) {
      values.put("DomainId", LocalWorkflowRuntime.defaultDomainId(scenario));
    }
    if (scenario != null && scenario.teamSettings() != null) {
      values.putIfAbsent("TeamSettings", scenario.teamSettings().toString());
    }
    return values;
  }

  /** The template's functions, in-process: what Lambda tasks invoke (and operators, directly). */
  public LambdaRuntime functions() {
    return functions;
  }

  public ExecutionEngine engine() {
    return engine;
  }

  /** The Step Functions API the emulator serves. */
  public StepFunctionsService stepFunctions() {
    return stepFunctions;
  }

  /** The task integrations every execution of the engine uses. */
  public ServiceIntegrations integrations() {
    return integrations;
  }

  /** A state machine of the template, by logical id or name. */
  public Optional<StateMachine> stateMachine(String logicalIdOrName) {
    StateMachine byLogicalId = deployed.get(logicalIdOrName);
    if (byLogicalId != null) {
      return Optional.of(byLogicalId);
    }
    return deployed.values().stream().filter(m -> m.name().equals(logicalIdOrName)).findFirst();
  }

  /** The template's state machines by logical id, in template order. */
  public Map<String, StateMachine> stateMachines() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(deployed));
  }

  /**
   * Waits for an execution (started by anyone, e.g. over the API) to end, driving the engine in
   * simulation time unless a background thread drives it.
   *
   * @throws IllegalArgumentException when no execution has that ARN
   */
  public Execution awaitExecution(String executionArn) {
    Execution execution =
        engine
            .execution(executionArn)
            .orElseThrow(() -> new IllegalArgumentException("no execution " + executionArn));
    return engine.awaitCompletion(execution);
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      clients.close();
    }
  }

  /**
   * @param authorizer the template's policies when IAM is enforced, else null
   */
  private void deploy(
      SamTemplate template, AwsEmulator emulator, TemplatePolicyAuthorizer authorizer) {
    deployResources(template, emulator);
    for (StateMachineResource resource : template.stateMachines()) {
      try {
        StateMachine machine =
            stepFunctions.createStateMachine(
                resource.name(), resource.definition(), resource.roleArn());
        if (authorizer != null) {
          checkRole(resource, machine, authorizer);
        }
        deployed.put(resource.logicalId(), machine);
      } catch (AwsServiceError e) {
        throw new TemplateException(
            "Resources."
                + resource.logicalId()
                + ": CreateStateMachine "
                + "answered "
                + e.code()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  /**
   * What CreateStateMachine checks of the role, in its words: that it may create the managed rule
   * of {@code .sync} tasks, and set up the log delivery when the state machine logs to CloudWatch
   * Logs (developer guide, "Logging using CloudWatch Logs").
   */
  private static void checkRole(
      StateMachineResource resource, StateMachine machine, TemplatePolicyAuthorizer authorizer) {
    Optional<String> rule =
        runsSyncTasks(machine)
            ? authorizer.managedRuleDenial(resource.logicalId())
            : Optional.empty();
    if (rule.isPresent()) {
      throw refused(
          resource,
          "'" + resource.roleArn() + "' is not authorized to create managed-rule.",
          rule.get());
    }
    Optional<String> logs =
        resource.logsToCloudWatch()
            ? authorizer.logDeliveryDenial(resource.logicalId())
            : Optional.empty();
    if (logs.isPresent()) {
      throw refused(
          resource,
          "The state machine IAM Role is not authorized to access the Log Destination",
          logs.get());
    }
  }

  private static TemplateException refused(
      StateMachineResource resource, String message, String denial) {
    return new TemplateException(
        "Resources."
            + resource.logicalId()
            + ": CreateStateMachine answered AccessDeniedException: "
            + message
            + " ("
            + denial
            + ")");
  }

  /** Whether a state machine has a {@code .sync} task, at any depth. */
  private static boolean runsSyncTasks(StateMachine machine) {
    return machine.definition().allStates().stream()
        .anyMatch(
            state ->
                state instanceof TaskState task
                    && task.resource() instanceof TaskResource.StartExecutionSync);
  }

  /**
   * Creates what the template deploys besides functions and state machines, as CloudFormation
   * would: its topics, Parameter Store parameters, S3 buckets, DynamoDB tables and managed policies
   * (IAM checks each policy document); then its roles are checked ({@link StackRoles}).
   */
  public static void deployResources(SamTemplate template, AwsEmulator emulator) {
    // Reading the schedules, rules, subscriptions, alarms and dashboards checks them as
    // Scheduler's CreateSchedule, EventBridge's PutTargets, SNS's Subscribe and CloudWatch's
    // PutMetricAlarm and PutDashboard would.
    template.schedules();
    template.eventRules();
    template.snsSubscriptions();
    template.alarms();
    template.dashboards();
    checkFunctionRuntimes(template, emulator.clock());
    createDataStores(template, emulator);
    createManagedPolicies(template, emulator);
    checkResourcePolicies(template, emulator);
    StackRoles.check(template, emulator.iam());
  }

  /**
   * Lambda's CreateFunction refuses a function on a runtime whose "block function create" date has
   * come ({@link JavaRuntime#createRefusal}). The day is the later of the simulation's and this
   * machine's: a template AWS would refuse today is refused whatever day the simulation starts on.
   */
  private static void checkFunctionRuntimes(SamTemplate template, Clock simulation) {
    Instant now = Clock.systemUTC().instant();
    LocalDate day =
        LocalDate.ofInstant(
            simulation.instant().isAfter(now) ? simulation.instant() : now, ZoneOffset.UTC);
    for (FunctionDefinition function : template.functions().values()) {
      Optional<String> refusal =
          JavaRuntime.byId(function.runtime()).flatMap(runtime -> runtime.createRefusal(day));
      if (refusal.isPresent()) {
        throw new TemplateException(
            "Resources."
                + function.logicalId()
                + ".Properties.Runtime: Lambda's CreateFunction answered"
                + " InvalidParameterValueException on "
                + day
                + ": "
                + refusal.get());
      }
    }
  }

  /**
   * The template's key policies, checked as KMS's CreateKey checks them, and its topic, queue and
   * bucket policies, as SNS's SetTopicAttributes, SQS's SetQueueAttributes and S3's PutBucketPolicy
   * check them when CloudFormation sets them.
   */
  private static void checkResourcePolicies(SamTemplate template, AwsEmulator emulator) {
    List<String> stackRoles = template.roles().stream().map(RoleResource::arn).toList();
    for (KeyResource key : template.keys()) {
      Optional<String> refusal =
          emulator
              .iam()
              .keyPolicyRefusal(key.keyPolicy().toString(), stackRoles)
              .or(() -> KeyPolicyLockout.refusal(key));
      if (refusal.isPresent()) {
        throw new TemplateException(
            "Resources."
                + key.logicalId()
                + ".Properties.KeyPolicy: KMS's CreateKey answered"
                + " MalformedPolicyDocumentException: "
                + refusal.get());
      }
    }
    for (ResourcePolicyResource policy : template.resourcePolicies()) {
      Optional<String> refusal =
          emulator.iam().resourcePolicyRefusal(policy.document().toString(), policy.service());
      if (refusal.isPresent()) {
        String setter =
            switch (policy.service()) {
              case "sns" -> "SNS's SetTopicAttributes";
              case "sqs" -> "SQS's SetQueueAttributes";
              case "events" -> "EventBridge's PutPermission";
              default -> "S3's PutBucketPolicy";
            };
        throw new TemplateException(
            "Resources."
                + policy.logicalId()
                + ".Properties.PolicyDocument: "
                + setter
                + " refuses the policy: "
                + refusal.get());
      }
    }
  }

  /** The template's topics, Parameter Store parameters, S3 buckets and DynamoDB tables. */
  private static void createDataStores(SamTemplate template, AwsEmulator emulator) {
    for (TopicResource topic : template.topics()) {
      try {
        emulator.sns().seedTopic(topic.topicName(), topic.kmsMasterKeyId());
      } catch (IllegalArgumentException e) {
        throw new TemplateException("Resources." + topic.logicalId() + ": " + e.getMessage(), e);
      }
    }
    for (ParameterResource parameter : template.ssmParameters()) {
      try {
        emulator
            .ssm()
            .seedParameter(
                parameter.name(), parameter.type(), parameter.value(), emulator.clock().instant());
      } catch (AwsServiceError e) {
        throw refusedBy("Systems Manager", parameter.logicalId(), e);
      }
    }
    for (String bucket : template.s3Buckets()) {
      if (!emulator.s3().hasBucket(bucket)) {
        String key = template.s3BucketKey(bucket).orElse(null);
        try {
          emulator.s3().createBucket(bucket, LocalAccount.REGION, key);
        } catch (IllegalArgumentException e) {
          throw new TemplateException("the bucket " + bucket + ": " + e.getMessage());
        }
      }
    }
    for (TableResource table : template.dynamoDbTables()) {
      try {
        emulator.dynamoDb().seedTable(table.tableName(), table.keyName(), table.keyType());
      } catch (AwsServiceError e) {
        throw refusedBy("DynamoDB", table.logicalId(), e);
      }
    }
  }

  /** The template's managed policies, each document checked by IAM as CreatePolicy checks it. */
  private static void createManagedPolicies(SamTemplate template, AwsEmulator emulator) {
    for (ManagedPolicyResource policy : template.managedPolicies()) {
      try {
        String document = LocalJson.MAPPER.writeValueAsString(policy.policyDocument());
        emulator
            .iam()
            .seedManagedPolicy(new ManagedPolicySeed(policy.policyName(), policy.path(), document));
      } catch (JsonProcessingException e) {
        throw new TemplateException(
            "cannot write the policy document of " + policy.logicalId() + ": " + e, e);
      } catch (IllegalArgumentException e) {
        // IAM refused the document, as CloudFormation's CreatePolicy would.
        throw new TemplateException(
            "Resources."
                + policy.logicalId()
                + ".Properties"
                + ".PolicyDocument: "
                + e.getMessage(),
            e);
      }
    }
  }

  /** CloudFormation's failure to create a resource, in the words of the service that refused it. */
  private static TemplateException refusedBy(String service, String logicalId, AwsServiceError e) {
    return new TemplateException(
        "Resources."
            + logicalId
            + ": CloudFormation cannot create it: "
            + service
            + " answered "
            + e.code()
            + ": "
            + e.getMessage(),
        e);
  }

  /** Configures Step Functions on an emulator. */
  public static final class Builder extends RuntimeOptions<Builder> {
    private final AwsEmulator emulator;
    private SamTemplate template;
    private long randomSeed = DEFAULT_RANDOM_SEED;

    private Builder(AwsEmulator emulator) {
      super(new PrintStream(OutputStream.nullOutputStream()));
      this.emulator = Objects.requireNonNull(emulator, "emulator");
    }

    /** The template to deploy; its functions are what Lambda tasks call. */
    public Builder template(SamTemplate value) {
      this.template = Objects.requireNonNull(value, "template");
      return this;
    }

    /** Seeds retry jitter, intrinsic functions and generated execution names. */
    public Builder randomSeed(long value) {
      this.randomSeed = value;
      return this;
    }

    public LocalStepFunctions build() {
      return new LocalStepFunctions(this);
    }
  }
}
