package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A SAM template (template.yaml) as the local runtime needs it: functions with their handlers and
 * environments, state machines with their definitions and substitutions, SNS topics. Short form
 * tags, Parameters (Default, or values the caller gives), Conditions, Mappings, pseudo parameters
 * and Globals are resolved as CloudFormation and SAM would for the stack {@code studio-lifecycle}
 * in the {@link LocalAccount}.
 */
public final class SamTemplate {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Path file;
  private final Map<String, FunctionDefinition> functions;
  private final List<StateMachineResource> stateMachines;
  private final List<TopicResource> topics;
  private final List<ManagedPolicyResource> managedPolicies;
  private final List<KeyResource> keys;
  private final Set<String> fifoQueues;
  private final Map<String, StackOutput> outputs;
  // Kept to read the parts only some callers need (IAM policies, event sources) on demand.
  private final ObjectNode resources;
  private final IntrinsicResolver resolver;

  private SamTemplate(
      Path file,
      Map<String, FunctionDefinition> functions,
      List<StateMachineResource> stateMachines,
      List<TopicResource> topics,
      List<ManagedPolicyResource> managedPolicies,
      List<KeyResource> keys,
      Map<String, StackOutput> outputs,
      ObjectNode resources,
      IntrinsicResolver resolver) {
    this.file = file;
    this.outputs = Collections.unmodifiableMap(outputs);
    this.resources = resources;
    this.resolver = resolver;
    this.functions = Collections.unmodifiableMap(functions);
    this.stateMachines = List.copyOf(stateMachines);
    this.topics = List.copyOf(topics);
    this.managedPolicies = List.copyOf(managedPolicies);
    this.keys = List.copyOf(keys);
    // Read when the template is: a queue SQS would refuse stops it there.
    this.fifoQueues = Set.copyOf(DataStores.sqsFifoQueues(resources, resolver));
    DataStores.checkCreateRequests(resources, resolver);
  }

  /** The stack the local deployment makes unless told another name. */
  public static final String DEFAULT_STACK_NAME = PseudoParameters.DEFAULT_STACK_NAME;

  /** Loads a template with its parameters' defaults. */
  public static SamTemplate load(Path file) {
    return load(file, Map.of());
  }

  /**
   * Loads a template.
   *
   * @param parameterValues values for the template's Parameters, overriding their defaults
   * @throws TemplateException naming the resource, property or reference that cannot be resolved
   */
  public static SamTemplate load(Path file, Map<String, String> parameterValues) {
    return load(file, parameterValues, DEFAULT_STACK_NAME);
  }

  /**
   * Loads a template as the stack {@code stackName} (what AWS::StackName gives, and the names
   * derived from it, checked against the limits of what they name).
   */
  public static SamTemplate load(Path file, Map<String, String> parameterValues, String stackName) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new TemplateException("Cannot read the template " + file + ": " + e, e);
    }
    return parse(yaml, file, parameterValues, stackName);
  }

  /**
   * Parses template text; {@code file} is where it lives (DefinitionUri is relative to its folder).
   */
  public static SamTemplate parse(String yaml, Path file, Map<String, String> parameterValues) {
    return parse(yaml, file, parameterValues, DEFAULT_STACK_NAME);
  }

  /**
   * A stack name as CreateStack takes it (CloudFormation API reference, CreateStack, StackName:
   * "can contain only alphanumeric characters (case-sensitive) and hyphens. It must start with an
   * alphabetic character and can't be longer than 128 characters").
   */
  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

  private static void checkStackName(String stackName) {
    if (!STACK_NAME.matcher(stackName).matches()) {
      throw new TemplateException(
          "Stack name '"
              + stackName
              + "': CloudFormation takes letters, digits and hyphens, starting with a letter, at"
              + " most 128");
    }
  }

  /** As {@link #parse(String, Path, Map)}, for the stack {@code stackName}. */
  public static SamTemplate parse(
      String yaml, Path file, Map<String, String> parameterValues, String stackName) {
    Objects.requireNonNull(file, "file");
    checkStackName(stackName);
    JsonNode root = TemplateYamlReader.read(yaml, file.toString());
    if (!root.isObject()) {
      throw new TemplateException(file + ": a template must be a mapping with Resources");
    }
    TemplateSections.check(root);
    JsonNode resources = root.get("Resources");
    if (resources == null || !resources.isObject()) {
      throw new TemplateException(file + ": the template has no Resources mapping");
    }
    ResourceTypes.check(resources);
    SamGlobals.check(root.get("Globals"));
    ObjectNode merged = SamGlobals.apply(resources, root.get("Globals"));
    Map<String, JsonNode> parameters =
        TemplateParameters.values(root.get("Parameters"), parameterValues);
    TemplateRules.check(root.get("Rules"), parameters);
    IntrinsicResolver resolver =
        new IntrinsicResolver(
            stackName, parameters, root.get("Conditions"), root.get("Mappings"), merged);
    ResourceTypes.checkProperties(merged, resolver);
    ResourceDependencies.check(merged, resolver);
    SamEvents.check(merged);
    Path directory = file.toAbsolutePath().getParent();
    Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
    List<StateMachineResource> stateMachines = new ArrayList<>();
    List<TopicResource> topics = new ArrayList<>();
    List<ManagedPolicyResource> managedPolicies = new ArrayList<>();
    List<KeyResource> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String logicalId = entry.getKey();
      JsonNode resource = entry.getValue();
      if (!resolver.created(logicalId, resource)) {
        continue;
      }
      switch (resource.path("Type").asText()) {
        case "AWS::Serverless::Function" ->
            functions.put(logicalId, FunctionReader.read(logicalId, resource, resolver));
        case "AWS::Serverless::StateMachine" ->
            stateMachines.add(StateMachineResource.read(logicalId, resource, resolver, directory));
        case "AWS::SNS::Topic" -> {
          topics.add(TopicResource.read(logicalId, resource, resolver));
        }
        case "AWS::IAM::ManagedPolicy" ->
            managedPolicies.add(managedPolicy(logicalId, resource, resolver));
        case "AWS::KMS::Key" -> keys.add(KeyResource.read(logicalId, resource, resolver));
        default -> {
          // Other resources (roles, rules, alarms) matter to the runtime only through the
          // references above, which the resolver answers from the template itself.
        }
      }
    }
    Map<String, StackOutput> outputs = StackOutputs.read(root.get("Outputs"), resolver);
    return new SamTemplate(
        file, functions, stateMachines, topics, managedPolicies, keys, outputs, merged, resolver);
  }

  /**
   * The names of a template's Parameters that have no Default, in template order: the values a
   * deployment must give.
   *
   * @throws TemplateException when the file cannot be read or is not YAML
   */
  public static List<String> parametersWithoutDefault(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new TemplateException("Cannot read the template " + file + ": " + e, e);
    }
    JsonNode declared = TemplateYamlReader.read(yaml, file.toString()).path("Parameters");
    List<String> names = new ArrayList<>();
    declared
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().has("Default")) {
                names.add(entry.getKey());
              }
            });
    return names;
  }

  /**
   * The stack's outputs whose Condition holds, in template order, as describe-stacks gives them
   * ({@link StackOutputs}).
   */
  public Map<String, StackOutput> outputs() {
    return outputs;
  }

  public Path file() {
    return file;
  }

  /** The functions by logical id, in template order. */
  public Map<String, FunctionDefinition> functions() {
    return functions;
  }

  public Optional<FunctionDefinition> function(String logicalId) {
    return Optional.ofNullable(functions.get(logicalId));
  }

  /** The function whose FunctionName (or, without one, logical id) is {@code functionName}. */
  public Optional<FunctionDefinition> functionNamed(String functionName) {
    return functions.values().stream()
        .filter(f -> f.functionName().equals(functionName))
        .findFirst();
  }

  public List<StateMachineResource> stateMachines() {
    return stateMachines;
  }

  /** A state machine by logical id or Name. */
  public Optional<StateMachineResource> stateMachine(String logicalIdOrName) {
    return stateMachines.stream()
        .filter(s -> s.logicalId().equals(logicalIdOrName) || s.name().equals(logicalIdOrName))
        .findFirst();
  }

  /** The state machine whose DefinitionUri is this file, if any. */
  public Optional<StateMachineResource> stateMachineFor(Path definitionFile) {
    Path wanted = normalise(definitionFile);
    return stateMachines.stream()
        .filter(
            s -> s.definitionPath().map(SamTemplate::normalise).filter(wanted::equals).isPresent())
        .findFirst();
  }

  public List<TopicResource> topics() {
    return topics;
  }

  /**
   * The Systems Manager parameters the template creates (those whose Condition holds), with their
   * values as deployed.
   */
  public List<ParameterResource> ssmParameters() {
    return DataStores.ssmParameters(resources, resolver);
  }

  /**
   * The DynamoDB tables the template creates (those whose Condition holds), with their partition
   * key.
   */
  public List<TableResource> dynamoDbTables() {
    return DataStores.dynamoDbTables(resources, resolver);
  }

  /** The names of the S3 buckets the template creates (those whose Condition holds). */
  public List<String> s3Buckets() {
    return DataStores.s3Buckets(resources, resolver);
  }

  /** The KMS key of an SSE-KMS bucket of the template (id, ARN or alias); empty for SSE-S3. */
  public Optional<String> s3BucketKey(String bucket) {
    return Optional.ofNullable(DataStores.s3BucketKeys(resources, resolver).get(bucket));
  }

  /** The KMS key of an SQS queue of the template (id, ARN or alias); empty for SSE-SQS or none. */
  public Optional<String> queueKey(String queueArn) {
    return Optional.ofNullable(DataStores.sqsQueueKeys(resources, resolver).get(queueArn));
  }

  /** The IAM managed policies the template creates (those whose Condition holds). */
  public List<ManagedPolicyResource> managedPolicies() {
    return managedPolicies;
  }

  /** The topic, queue and bucket policies the template attaches (those whose Condition holds). */
  public synchronized List<ResourcePolicyResource> resourcePolicies() {
    return ResourcePolicyResource.readAll(resolvedResources());
  }

  /** The KMS keys the template creates. */
  public List<KeyResource> keys() {
    return keys;
  }

  /** The KMS key of the template whose ARN is {@code arn}, if it creates one. */
  public Optional<KeyResource> key(String arn) {
    return keys.stream().filter(key -> key.arn().equals(arn)).findFirst();
  }

  /**
   * The IAM policies that the {@code Policies} of a function or state machine give its role.
   *
   * @throws TemplateException when there is no such function or state machine, or a policy cannot
   *     be read
   */
  public synchronized AttachedPolicies policies(String logicalId) {
    JsonNode resource = resources.get(logicalId);
    String type = resource == null ? "" : resource.path("Type").asText();
    if (!type.equals("AWS::Serverless::Function")
        && !type.equals("AWS::Serverless::StateMachine")) {
      throw new TemplateException(
          "Resources." + logicalId + ": no function or state machine " + "of that name");
    }
    return PolicyReader.read(logicalId, resource, resolver);
  }

  /**
   * The inline policy documents SAM gives the role it generates for a function or state machine, as
   * JSON: one per policy document in its {@code Policies}, and the one SAM adds for a function's
   * OnFailure queue (SAM policy templates and managed policies are not among them).
   */
  public synchronized List<String> inlinePolicyDocuments(String logicalId) {
    return PolicyReader.inlineDocuments(logicalId, resources.get(logicalId), resolver);
  }

  /**
   * The EventBridge rules: AWS::Events::Rule resources and the rules SAM generates for {@code
   * EventBridgeRule} events, in template order.
   */
  public synchronized List<EventRuleResource> eventRules() {
    List<EventRuleResource> rules = EventSourceReader.rules(resources, resolver);
    for (EventRuleResource rule : rules) {
      for (RuleTarget target : rule.targets()) {
        refuseFifoDeadLetterQueue(
            target.deadLetterArn(),
            "Resources." + rule.logicalId() + ", target " + target.id() + ", DeadLetterConfig.Arn",
            "EventBridge's dead-letter queues are standard SQS queues (EventBridge user guide,"
                + " \"Using dead-letter queues to process undelivered events\")");
      }
    }
    return rules;
  }

  /**
   * Whether the queue of this ARN is a FIFO queue: a template queue with {@code FifoQueue: true},
   * or any queue whose name ends with {@code .fifo}.
   */
  public synchronized boolean fifoQueue(String queueArn) {
    return queueArn.endsWith(".fifo") || fifoQueues.contains(queueArn);
  }

  /**
   * Refuses a FIFO dead-letter queue where the service takes standard queues only. Whether the
   * service refuses it when the resource is created or drops what it would send there, the API
   * references do not say: refused here (the stricter reading).
   */
  private void refuseFifoDeadLetterQueue(String queueArn, String where, String rule) {
    if (queueArn != null && fifoQueue(queueArn)) {
      throw new TemplateException(where + ": " + queueArn + " is a FIFO queue; " + rule);
    }
  }

  /** The rule with this logical id (for SAM's rules: {@code <resource><event>}). */
  public Optional<EventRuleResource> eventRule(String logicalId) {
    return eventRules().stream().filter(r -> r.logicalId().equals(logicalId)).findFirst();
  }

  /**
   * Every resource that the template creates (its Condition holds), by logical id in template
   * order, with Globals merged in and every intrinsic resolved: for checks of what a deployment
   * would contain.
   *
   * @throws TemplateException naming a reference that cannot be resolved locally
   */
  public synchronized Map<String, JsonNode> resolvedResources() {
    Map<String, JsonNode> resolved = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!resolver.created(entry.getKey(), entry.getValue())) {
        continue;
      }
      resolved.put(
          entry.getKey(), resolver.resolve(entry.getValue(), "Resources." + entry.getKey()));
    }
    return Collections.unmodifiableMap(resolved);
  }

  /**
   * The template's CloudWatch dashboards, by logical id, with their bodies as deployed (the
   * DashboardBody after Fn::Sub), each checked as PutDashboard checks it ({@link DashboardChecks}).
   */
  public synchronized Map<String, String> dashboards() {
    Map<String, String> dashboards = new LinkedHashMap<>();
    resolvedResources()
        .forEach(
            (logicalId, resource) -> {
              if (resource.path("Type").asText().equals("AWS::CloudWatch::Dashboard")) {
                JsonNode properties = resource.path("Properties");
                String where = "Resources." + logicalId + ".Properties";
                String body = properties.path("DashboardBody").asText("");
                DashboardChecks.check(
                    properties.path("DashboardName").asText(logicalId), body, where);
                dashboards.put(logicalId, body);
              }
            });
    return dashboards;
  }

  /**
   * The logical ids of the template's CloudWatch alarms, each checked as PutMetricAlarm checks it
   * when CloudFormation creates it ({@link AlarmChecks}).
   */
  public synchronized List<String> alarms() {
    List<String> alarms = new ArrayList<>();
    resolvedResources()
        .forEach(
            (logicalId, resource) -> {
              if (resource.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                AlarmChecks.check(logicalId, resource.path("Properties"));
                alarms.add(logicalId);
              }
            });
    return alarms;
  }

  /** The AWS::Scheduler::Schedule resources the template creates, in template order. */
  public synchronized List<ScheduleResource> schedules() {
    List<ScheduleResource> schedules = new ArrayList<>();
    resolvedResources()
        .forEach(
            (logicalId, resource) -> {
              if (resource.path("Type").asText().equals("AWS::Scheduler::Schedule")) {
                ScheduleResource schedule = ScheduleResource.read(logicalId, resource);
                refuseFifoDeadLetterQueue(
                    schedule.deadLetterArn(),
                    "Resources." + logicalId + ".Properties.Target.DeadLetterConfig.Arn",
                    "EventBridge Scheduler does not support a FIFO queue as a schedule's"
                        + " dead-letter queue (Scheduler user guide, \"Configuring a schedule's"
                        + " dead-letter queue\")");
                schedules.add(schedule);
              }
            });
    return schedules;
  }

  /** What {@code !Ref logicalId} gives in this deployment (a key's id, a topic's ARN ...). */
  public synchronized String ref(String logicalId) {
    ObjectNode ref = JSON.objectNode().put("Ref", logicalId);
    return resolver.resolveString(ref, "Ref " + logicalId);
  }

  /** The AWS::IAM::Role resources the template creates (not the roles SAM generates). */
  public synchronized List<RoleResource> roles() {
    List<RoleResource> roles = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : resolvedResources().entrySet()) {
      if (entry.getValue().path("Type").asText().equals("AWS::IAM::Role")) {
        ObjectNode getAtt = JSON.objectNode();
        getAtt.putArray("Fn::GetAtt").add(entry.getKey()).add("Arn");
        String arn = resolver.resolveString(getAtt, "Resources." + entry.getKey() + ".Arn");
        roles.add(RoleResource.read(entry.getKey(), arn, entry.getValue()));
      }
    }
    return roles;
  }

  /** The AWS::IAM::Role of the template whose ARN is {@code arn}, if it creates one. */
  public Optional<RoleResource> role(String arn) {
    return roles().stream().filter(role -> role.arn().equals(arn)).findFirst();
  }

  /** The functions' {@code SNS} events, in template order. */
  public synchronized List<SnsSubscription> snsSubscriptions() {
    List<SnsSubscription> subscriptions = EventSourceReader.snsSubscriptions(resources, resolver);
    for (SnsSubscription subscription : subscriptions) {
      // A FIFO topic's subscriptions take FIFO dead-letter queues, a standard topic's standard
      // ones (SNS developer guide, "Amazon SNS dead-letter queues").
      boolean fifoTopic = subscription.topicArn().endsWith(".fifo");
      String queue = subscription.deadLetterArn();
      if (queue != null && fifoQueue(queue) != fifoTopic) {
        throw new TemplateException(
            "Resources."
                + subscription.functionLogicalId()
                + ".Properties.Events."
                + subscription.eventName()
                + ".Properties.RedrivePolicy: "
                + queue
                + (fifoTopic
                    ? " is a standard queue; a FIFO topic's subscriptions take FIFO dead-letter"
                        + " queues"
                    : " is a FIFO queue; a standard topic's subscriptions take standard dead-letter"
                        + " queues"));
      }
    }
    return subscriptions;
  }

  private static ManagedPolicyResource managedPolicy(
      String logicalId, JsonNode resource, IntrinsicResolver resolver) {
    String where = "Resources." + logicalId + ".Properties";
    JsonNode properties = resource.path("Properties");
    JsonNode document = properties.get("PolicyDocument");
    if (document == null) {
      throw new TemplateException(where + ".PolicyDocument: is required");
    }
    String name = resolver.physicalName(logicalId, "Resources." + logicalId);
    JsonNode path = properties.get("Path");
    String policyPath = path == null ? "/" : resolver.resolveString(path, where + ".Path");
    return new ManagedPolicyResource(
        logicalId,
        name,
        policyPath,
        LocalAccount.globalArn("iam", "policy" + policyPath + name),
        resolver.resolve(document, where + ".PolicyDocument"));
  }

  private static Path normalise(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
