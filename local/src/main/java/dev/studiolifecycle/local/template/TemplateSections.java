package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A template's top-level sections and each resource's attributes, as CloudFormation and the SAM
 * transform take them (CloudFormation User Guide, "Template anatomy", "Resource attribute
 * reference"; SAM specification, "Globals"): only the sections CloudFormation knows ("Template
 * format error: Invalid template property or properties [...]"), a format version of 2010-09-09, a
 * Description that is a string of at most 1,024 bytes; SAM's resources and Globals only under the
 * {@code AWS::Serverless-2016-10-31} transform (without it CloudFormation does not know {@code
 * AWS::Serverless::Function}); no other transform, since the local runtime expands none; and on a
 * resource only CloudFormation's attributes ("Invalid template resource property '...'"), with a
 * DeletionPolicy or UpdateReplacePolicy CloudFormation takes; {@code Snapshot} only on the types
 * that support snapshots (User Guide, "DeletionPolicy attribute", Snapshot; the list cfn-lint's
 * E3035 holds). What CloudFormation answers for another type is not at hand: refused here in this
 * project's words (the stricter reading).
 */
final class TemplateSections {

  static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

  private static final Set<String> SECTIONS =
      Set.of(
          "AWSTemplateFormatVersion",
          "Description",
          "Metadata",
          "Parameters",
          "Rules",
          "Mappings",
          "Conditions",
          "Transform",
          "Resources",
          "Outputs",
          "Globals");
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "Type",
          "Properties",
          "DependsOn",
          "Condition",
          "Metadata",
          "DeletionPolicy",
          "UpdateReplacePolicy",
          "UpdatePolicy",
          "CreationPolicy");
  private static final Set<String> DELETION_POLICIES =
      Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");
  private static final Set<String> REPLACE_POLICIES = Set.of("Delete", "Retain", "Snapshot");

  /** The types CloudFormation can snapshot before it deletes or replaces them. */
  private static final Set<String> SNAPSHOT_TYPES =
      Set.of(
          "AWS::DocDB::DBCluster",
          "AWS::EC2::Volume",
          "AWS::ElastiCache::CacheCluster",
          "AWS::ElastiCache::ReplicationGroup",
          "AWS::Neptune::DBCluster",
          "AWS::RDS::DBCluster",
          "AWS::RDS::DBInstance",
          "AWS::Redshift::Cluster");

  private static final int MAX_DESCRIPTION_BYTES = 1024;
  private static final int MAX_MAPPINGS = 200;
  private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]+");

  private TemplateSections() {}

  /**
   * No value anywhere in the template is null (in YAML, a key with nothing after it):
   * CloudFormation refuses the template, "Template validation error:
   * [/Resources/Instance/Properties/EbsOptimized] 'null' values are not allowed in templates" (as
   * reported from CloudFormation in cfn-lint #38 and #246, and for an EventPattern in
   * cloudformation-coverage-roadmap #1378; those reports show the path with {@code Type} where
   * {@code Properties} stands, which is not copied here).
   */
  private static void checkNoNull(JsonNode node, String path) {
    if (node.isNull()) {
      throw new TemplateException(
          (path.isEmpty() ? "Template" : path.substring(1).replace('/', '.'))
              + ": CloudFormation refuses the template: Template validation error: ["
              + path
              + "] 'null' values are not allowed in templates");
    }
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(field -> checkNoNull(field.getValue(), path + "/" + field.getKey()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNoNull(node.get(i), path + "/" + i);
      }
    }
  }

  static void check(JsonNode root) {
    checkNoNull(root, "");
    List<String> unknown = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            section -> {
              if (!SECTIONS.contains(section)) {
                unknown.add(section);
              }
            });
    if (!unknown.isEmpty()) {
      throw new TemplateException(
          "CloudFormation refuses the template: Template format error: Invalid template property"
              + " or properties "
              + unknown);
    }
    JsonNode version = root.get("AWSTemplateFormatVersion");
    if (version != null && !version.asText().equals("2010-09-09")) {
      throw new TemplateException(
          "AWSTemplateFormatVersion: '"
              + version.asText()
              + "'; the only template format version is 2010-09-09");
    }
    JsonNode description = root.get("Description");
    if (description != null
        && (!description.isTextual()
            || description.asText().getBytes(StandardCharsets.UTF_8).length
                > MAX_DESCRIPTION_BYTES)) {
      throw new TemplateException(
          "Description: a template's description is a string of at most 1024 bytes");
    }
    boolean sam = transforms(root.get("Transform"));
    if (!sam && root.has("Globals")) {
      throw new TemplateException(
          "Globals: only the " + SAM_TRANSFORM + " transform reads Globals; the template has none");
    }
    checkResources(root.path("Resources"), sam);
    checkMappings(root.get("Mappings"));
  }

  /**
   * CloudFormation User Guide, "CloudFormation template Mappings syntax": a mapping is keys, each a
   * map of names to values; "The keys in mappings must be literal strings. The values can be of
   * type String or List." So no parameter, pseudo parameter or function stands in the section. A
   * name within a key must be letters and digits (CloudFormation refuses others; the AWS CDK checks
   * the same since its issue 18922); at most 200 mappings (quotas).
   */
  private static void checkMappings(JsonNode mappings) {
    if (mappings == null) {
      return;
    }
    if (!mappings.isObject() || mappings.size() > MAX_MAPPINGS) {
      throw new TemplateException(
          "Mappings: a mapping of at most " + MAX_MAPPINGS + " mappings by logical id");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = mappings.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> mapping = it.next();
      String where = "Mappings." + mapping.getKey();
      checkLogicalId(mapping.getKey(), where, "mapping");
      if (!mapping.getValue().isObject() || mapping.getValue().isEmpty()) {
        throw new TemplateException(where + ": a mapping of keys, each to names and values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> k = mapping.getValue().fields(); k.hasNext(); ) {
        Map.Entry<String, JsonNode> key = k.next();
        String at = where + "." + key.getKey();
        if (!key.getValue().isObject() || key.getValue().isEmpty()) {
          throw new TemplateException(at + ": a key maps names to values");
        }
        key.getValue()
            .fields()
            .forEachRemaining(
                entry -> {
                  if (!LOGICAL_ID.matcher(entry.getKey()).matches()) {
                    throw new TemplateException(
                        at
                            + "."
                            + entry.getKey()
                            + ": a name within a mapping is letters and digits only");
                  }
                  if (!literal(entry.getValue())) {
                    throw new TemplateException(
                        at
                            + "."
                            + entry.getKey()
                            + ": a mapping's values are literal strings or lists of them, not"
                            + " parameters or functions");
                  }
                });
      }
    }
  }

  private static boolean literal(JsonNode value) {
    if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isValueNode()) {
          return false;
        }
      }
      return true;
    }
    return value.isValueNode();
  }

  /**
   * A logical id of a parameter, resource or output: "alphanumeric (A-Za-z0-9) and unique within
   * the template" (the sections' syntax pages of the CloudFormation User Guide).
   *
   * @param kind {@code parameter}, {@code resource} or {@code output}
   */
  static void checkLogicalId(String logicalId, String where, String kind) {
    if (!LOGICAL_ID.matcher(logicalId).matches()) {
      String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
      throw new TemplateException(
          where + ": " + article + kind + "'s logical id is letters and digits only");
    }
  }

  /** Whether the template is SAM's; a transform the local runtime does not expand is refused. */
  private static boolean transforms(JsonNode transform) {
    if (transform == null) {
      return false;
    }
    List<String> names = new ArrayList<>();
    if (transform.isArray()) {
      transform.forEach(name -> names.add(name.asText()));
    } else {
      names.add(transform.asText());
    }
    for (String name : names) {
      if (!name.equals(SAM_TRANSFORM)) {
        throw new TemplateException(
            "Transform: "
                + name
                + " is not expanded by the local runtime, which expands "
                + SAM_TRANSFORM
                + " only");
      }
    }
    return !names.isEmpty();
  }

  private static void checkResources(JsonNode resources, boolean sam) {
    List<String> samTypes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String where = "Resources." + entry.getKey();
      JsonNode resource = entry.getValue();
      resource
          .fieldNames()
          .forEachRemaining(
              attribute -> {
                if (!ATTRIBUTES.contains(attribute)) {
                  throw new TemplateException(
                      where
                          + ": CloudFormation refuses the template: Template format error: Invalid"
                          + " template resource property '"
                          + attribute
                          + "'");
                }
              });
      policy(resource, "DeletionPolicy", DELETION_POLICIES, where);
      policy(resource, "UpdateReplacePolicy", REPLACE_POLICIES, where);
      String type = resource.path("Type").asText();
      if (type.startsWith("AWS::Serverless::") && !samTypes.contains(type)) {
        samTypes.add(type);
      }
    }
    if (!sam && !samTypes.isEmpty()) {
      throw new TemplateException(
          "Resources: CloudFormation refuses the template: Template format error: Unrecognized"
              + " resource types: "
              + samTypes
              + " (SAM's resources need Transform: "
              + SAM_TRANSFORM
              + ")");
    }
  }

  private static void policy(
      JsonNode resource, String attribute, Set<String> allowed, String where) {
    JsonNode value = resource.get(attribute);
    String type = resource.path("Type").asText();
    if (value != null && value.asText().equals("Snapshot") && !SNAPSHOT_TYPES.contains(type)) {
      throw new TemplateException(
          where
              + "."
              + attribute
              + ": Snapshot is only for the types CloudFormation can snapshot ("
              + String.join(", ", SNAPSHOT_TYPES.stream().sorted().toList())
              + "), not "
              + type);
    }
    if (value != null && !allowed.contains(value.asText())) {
      throw new TemplateException(
          where
              + "."
              + attribute
              + ": '"
              + value.asText()
              + "' is not one of "
              + String.join(", ", allowed.stream().sorted().toList()));
    }
  }
}
