package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order CloudFormation creates the stack's resources in: a resource waits for every resource
 * its properties name with {@code Ref}, {@code Fn::GetAtt} or {@code Fn::Sub}, and for those its
 * {@code DependsOn} names (CloudFormation User Guide, "DependsOn attribute"; "Fn::GetAtt", "Ref").
 * A template whose resources wait for each other in a circle is refused before anything is created:
 * "Circular dependency between resources: [...]". The classic SAM case: a function the state
 * machine calls, given the state machine's ARN in its environment.
 *
 * <p>SAM's resources are taken as SAM expands them (SAM specification, "Generated resources"): a
 * function or state machine without a {@code Role} waits for the role SAM generates for it ({@code
 * <logical id>Role}), which holds its {@code Policies}, {@code PermissionsBoundary}, {@code
 * AssumeRolePolicyDocument} and the statements for its {@code DeadLetterQueue} and typed {@code
 * EventInvokeConfig} destinations; each of its {@code Events} makes resources that wait for it (an
 * S3 event's bucket too: SAM adds the notification to the bucket, after the function's permission;
 * AWS blog, "Handling circular dependency errors in AWS CloudFormation": "The bucket notification
 * is dependent on the Lambda function and the Lambda function is dependent on the execution role,
 * which is dependent on the S3 bucket"). References in the branch of an {@code Fn::If} whose
 * condition is false, and resources whose Condition is false, are not part of the stack. Which
 * resources CloudFormation names in the message, and in what order, its guides do not say: here the
 * resources of the circle, in alphabetical order.
 */
final class ResourceDependencies {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private static final Set<String> ROLE_PROPERTIES =
      Set.of("Policies", "PermissionsBoundary", "AssumeRolePolicyDocument", "DeadLetterQueue");

  private final IntrinsicResolver resolver;
  private final ObjectNode resources;
  private final Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
  // Each DependsOn target by where it is named: checked once every resource SAM makes is known.
  private final List<Map.Entry<String, String>> dependsOnTargets = new ArrayList<>();

  private ResourceDependencies(IntrinsicResolver resolver, ObjectNode resources) {
    this.resolver = resolver;
    this.resources = resources;
  }

  /**
   * @param resources the template's Resources, Globals merged in
   * @throws TemplateException naming the resources of a circle, or a DependsOn that names no
   *     resource the stack creates
   */
  static void check(ObjectNode resources, IntrinsicResolver resolver) {
    ResourceDependencies graph = new ResourceDependencies(resolver, resources);
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (resolver.created(entry.getKey(), entry.getValue())) {
        graph.add(entry.getKey(), entry.getValue(), resources);
      }
    }
    // A DependsOn may name a resource SAM makes (MyFunctionRole, MyFunctionAliaslive), not one
    // the stack does not create.
    for (Map.Entry<String, String> target : graph.dependsOnTargets) {
      if (!graph.waitsFor.containsKey(target.getValue())) {
        throw unresolved(target.getKey(), target.getValue());
      }
    }
    graph.waitsFor.values().forEach(names -> names.retainAll(graph.waitsFor.keySet()));
    for (Set<String> circle : graph.circles()) {
      throw new TemplateException(
          "Resources: CloudFormation refuses the template: Circular dependency between"
              + " resources: "
              + new TreeSet<>(circle));
    }
  }

  private void add(String logicalId, JsonNode resource, ObjectNode resources) {
    String where = "Resources." + logicalId;
    Set<String> names = node(logicalId);
    dependsOn(resource.get("DependsOn"), where, names);
    JsonNode properties = resource.path("Properties");
    String type = resource.path("Type").asText();
    if (!type.equals("AWS::Serverless::Function")
        && !type.equals("AWS::Serverless::StateMachine")) {
      references(properties, where + ".Properties", names);
      return;
    }
    if (properties.has("AutoPublishAlias")) {
      // The alias SAM publishes exists whether or not the template names it.
      qualified(logicalId + ".Alias", where + ".Properties.AutoPublishAlias");
    }
    boolean generatesRole = !properties.has("Role");
    Set<String> role = generatesRole ? node(logicalId + "Role") : names;
    if (generatesRole) {
      names.add(logicalId + "Role");
    }
    properties
        .fields()
        .forEachRemaining(
            property -> {
              String at = where + ".Properties." + property.getKey();
              if (property.getKey().equals("Events")) {
                events(logicalId, property.getValue(), at, resources);
              } else if (ROLE_PROPERTIES.contains(property.getKey())) {
                // With a Role of the template's, SAM ignores Policies and the like.
                if (generatesRole) {
                  references(property.getValue(), at, role);
                }
              } else {
                references(property.getValue(), at, names);
              }
            });
    JsonNode destinations = properties.at("/EventInvokeConfig/DestinationConfig");
    destinations.forEach(
        destination -> {
          if (generatesRole && destination.has("Type")) {
            references(destination.get("Destination"), where + ".Properties", role);
          }
        });
  }

  /** What each of a SAM resource's events makes waits for it; an S3 event's bucket does too. */
  private void events(String owner, JsonNode events, String where, ObjectNode resources) {
    events
        .fields()
        .forEachRemaining(
            event -> {
              // An S3 event makes only the permission; the notification goes on the bucket.
              boolean s3 = event.getValue().path("Type").asText().equals("S3");
              String made = owner + event.getKey() + (s3 ? "Permission" : "");
              node(made).add(owner);
              JsonNode properties = event.getValue().path("Properties");
              references(properties, where + "." + event.getKey() + ".Properties", node(made));
              if (s3) {
                Set<String> buckets = new LinkedHashSet<>();
                references(properties.path("Bucket"), where, buckets);
                buckets.stream().filter(resources::has).forEach(bucket -> node(bucket).add(made));
              }
            });
  }

  private void dependsOn(JsonNode dependsOn, String where, Set<String> into) {
    if (dependsOn == null) {
      return;
    }
    List<JsonNode> names = new ArrayList<>();
    if (dependsOn.isArray()) {
      dependsOn.forEach(names::add);
    } else {
      names.add(dependsOn);
    }
    for (JsonNode name : names) {
      if (!name.isTextual()) {
        throw unresolved(where, name.toString());
      }
      into.add(name.asText());
      dependsOnTargets.add(Map.entry(where, name.asText()));
    }
  }

  private static TemplateException unresolved(String where, String name) {
    return new TemplateException(
        where
            + ".DependsOn: CloudFormation refuses the template: Template format error:"
            + " Unresolved resource dependencies ["
            + name
            + "] in the Resources block of the template");
  }

  /** The resources {@code node} names, in the branches of Fn::If whose condition holds. */
  private void references(JsonNode node, String where, Set<String> into) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(item -> references(item, where, into));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.size() == 1) {
      Map.Entry<String, JsonNode> function = node.fields().next();
      JsonNode argument = function.getValue();
      if (function.getKey().equals("Fn::If")) {
        boolean holds = resolver.condition(argument.path(0).asText(), where + ".Fn::If");
        references(argument.get(holds ? 1 : 2), where, into);
        return;
      }
      List<String> names = directNames(function.getKey(), argument);
      if (!names.isEmpty() || function.getKey().equals("Fn::Sub")) {
        names.forEach(name -> into.add(qualified(name, where)));
        if (argument.isArray() && function.getKey().equals("Fn::Sub")) {
          references(argument.path(1), where, into);
        }
        return;
      }
    }
    node.forEach(child -> references(child, where, into));
  }

  /**
   * The names a {@code Ref}, {@code Fn::GetAtt} or {@code Fn::Sub} names itself ({@code Topic},
   * {@code MyFunction.Alias}, {@code Topic.TopicName}; a Sub's own variables left out); none for
   * another function. They may be parameters or pseudo parameters as well as resources.
   */
  static List<String> directNames(String function, JsonNode argument) {
    return switch (function) {
      case "Ref" -> List.of(argument.asText());
      case "Fn::GetAtt" ->
          List.of(argument.isArray() ? argument.path(0).asText() : argument.asText());
      case "Fn::Sub" -> {
        String text = argument.isArray() ? argument.path(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() ? argument.path(1) : null;
        List<String> names = new ArrayList<>();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
          String variable = matcher.group(1).strip();
          if (variables == null || !variables.has(variable)) {
            names.add(variable);
          }
        }
        yield names;
      }
      default -> List.of();
    };
  }

  /**
   * SAM's {@code Ref MyFunction.Alias} names the alias it generates, {@code MyFunctionAlias<name>},
   * which waits for the function (through its version, {@code MyFunction.Version}, which names the
   * function here: its logical id holds a hash of the code).
   */
  private String qualified(String name, String where) {
    if (!name.endsWith(".Alias")) {
      return base(name);
    }
    String function = base(name);
    JsonNode resource = resources.get(function);
    JsonNode alias = resource == null ? null : resource.at("/Properties/AutoPublishAlias");
    if (alias == null || alias.isMissingNode()) {
      return function;
    }
    String aliasId = function + "Alias" + resolver.resolveString(alias, where);
    node(aliasId).add(function);
    return aliasId;
  }

  /** {@code MyFunction} of {@code MyFunction.Arn}, {@code MyFunction.Version}. */
  static String base(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private Set<String> node(String logicalId) {
    return waitsFor.computeIfAbsent(logicalId, id -> new LinkedHashSet<>());
  }

  /**
   * The circles: the strongly connected components of more than one resource, or of one that waits
   * for itself (Tarjan's algorithm, iterative so that a long chain cannot overflow).
   */
  private List<Set<String>> circles() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new LinkedHashSet<>();
    List<Set<String>> circles = new ArrayList<>();
    for (String start : waitsFor.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Map.Entry<String, Iterator<String>>> work = new ArrayDeque<>();
      visit(start, index, low, stack, onStack, work);
      while (!work.isEmpty()) {
        Map.Entry<String, Iterator<String>> top = work.peek();
        String from = top.getKey();
        if (top.getValue().hasNext()) {
          String to = top.getValue().next();
          if (!index.containsKey(to)) {
            visit(to, index, low, stack, onStack, work);
          } else if (onStack.contains(to)) {
            low.put(from, Math.min(low.get(from), index.get(to)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = work.peek().getKey();
          low.put(parent, Math.min(low.get(parent), low.get(from)));
        }
        if (low.get(from).equals(index.get(from))) {
          Set<String> component = new LinkedHashSet<>();
          String member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
          } while (!member.equals(from));
          if (component.size() > 1 || waitsFor.get(from).contains(from)) {
            circles.add(component);
          }
        }
      }
    }
    return circles;
  }

  private void visit(
      String name,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      Deque<Map.Entry<String, Iterator<String>>> work) {
    index.put(name, index.size());
    low.put(name, index.get(name));
    stack.push(name);
    onStack.add(name);
    work.push(Map.entry(name, waitsFor.get(name).iterator()));
  }
}
