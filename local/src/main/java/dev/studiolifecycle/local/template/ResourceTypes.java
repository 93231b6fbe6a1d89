package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Resources section as CloudFormation takes it before creating anything (CloudFormation User
 * Guide, "CloudFormation template Resources syntax"; quotas: 500 resources a template): logical ids
 * of letters and digits, a Type for each, and types it knows in the Region
 * ("cloudformation-resource-types.txt", the types of us-east-1, written by {@code
 * local/src/test/model/extract-resource-schemas.py}), SAM's own ({@code AWS::Serverless::*}, which
 * the SAM transform expands) or a custom resource ({@code Custom::<name>}, up to 60 letters, digits
 * and {@code _@-}). Anything else is "Template format error: Unrecognized resource types: [...]".
 * Private and third-party types registered in an account are not known here and are refused (the
 * stricter reading); so are AWS types newer than the list. The 500 is counted before SAM expands
 * its resources, so a template SAM takes past it is not caught here.
 *
 * <p>The same list holds each type's properties (its read-only ones left out) and those it
 * requires, from the resource provider schemas, and SAM's types with their properties: a created
 * resource may give only its type's properties, and must give the required ones ({@link
 * #checkProperties}); below the top level, {@link PropertySchemas} holds them to their schemas.
 */
final class ResourceTypes {

  static final int MAX_RESOURCES = 500;

  private static final Pattern CUSTOM = Pattern.compile("Custom::[A-Za-z0-9_@-]{1,60}");

  /** Each type's properties and, after them, those it requires; SAM's types require none here. */
  private record Properties(Set<String> allowed, List<String> required) {}

  private static final Map<String, Properties> KNOWN = load();

  private ResourceTypes() {}

  static void check(JsonNode resources) {
    if (resources.size() > MAX_RESOURCES) {
      throw new TemplateException(
          "Resources: "
              + resources.size()
              + " resources; a template declares at most "
              + MAX_RESOURCES);
    }
    Set<String> unrecognized = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String where = "Resources." + entry.getKey();
      TemplateSections.checkLogicalId(entry.getKey(), where, "resource");
      JsonNode type = entry.getValue().get("Type");
      if (type == null || !type.isTextual()) {
        throw new TemplateException(where + ".Type: is required, a string");
      }
      if (!known(type.asText())) {
        unrecognized.add(type.asText());
      }
    }
    if (!unrecognized.isEmpty()) {
      throw new TemplateException(
          "Resources: CloudFormation refuses the template: Template format error: Unrecognized"
              + " resource types: ["
              + String.join(", ", unrecognized)
              + "]");
    }
  }

  static boolean known(String type) {
    return KNOWN.containsKey(type) || CUSTOM.matcher(type).matches();
  }

  /**
   * The properties of each created resource (Globals merged in): only those its type has, and those
   * it requires. A custom resource takes any properties.
   */
  static void checkProperties(JsonNode resources, IntrinsicResolver resolver) {
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode resource = entry.getValue();
      String type = resource.path("Type").asText();
      Properties known = KNOWN.get(type);
      if (known == null || !resolver.created(entry.getKey(), resource)) {
        continue;
      }
      String where = "Resources." + entry.getKey() + ".Properties";
      JsonNode properties = resource.path("Properties");
      properties
          .fieldNames()
          .forEachRemaining(
              property -> {
                if (!known.allowed().contains(property)) {
                  throw new TemplateException(
                      where
                          + "."
                          + property
                          + (type.startsWith("AWS::Serverless::")
                              // The SAM translator's words.
                              ? ": the SAM transform refuses it: Resource with id ["
                                  + entry.getKey()
                                  + "] is invalid. property "
                                  + property
                                  + " not defined for resource of type "
                                  + type
                              : ": "
                                  + type
                                  + " has no such property, so CloudFormation refuses it"));
                }
              });
      for (String required : known.required()) {
        if (!properties.has(required)) {
          throw new TemplateException(where + "." + required + ": is required for " + type);
        }
      }
      JsonNode values = resolvedOrAsWritten(resolver, properties, where);
      PropertySchemas.check(entry.getKey(), type, values);
      PropertySchemas.checkPassedOn(entry.getKey(), type, values);
    }
  }

  /**
   * The properties with their intrinsic functions evaluated as the stack would evaluate them
   * (CloudFormation validates the values it hands the resource), or as written when one cannot be
   * evaluated locally: its value is then left to the stack.
   */
  private static JsonNode resolvedOrAsWritten(
      IntrinsicResolver resolver, JsonNode properties, String where) {
    try {
      return resolver.resolve(properties, where);
    } catch (TemplateException e) {
      return properties;
    }
  }

  /** {@code <type> <property>,<property>... [| <required>,...]} a line; {@code #} comments. */
  private static Map<String, Properties> load() {
    try (InputStream in =
            ResourceTypes.class.getResourceAsStream("cloudformation-resource-types.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Map<String, Properties> types = new HashMap<>();
      reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(
              line -> {
                String[] parts = line.split("\\|", 2);
                String[] declared = parts[0].strip().split(" ", 2);
                types.put(
                    declared[0],
                    new Properties(
                        Set.copyOf(names(declared.length > 1 ? declared[1] : "")),
                        names(parts.length > 1 ? parts[1] : "")));
              });
      return Map.copyOf(types);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cloudformation-resource-types.txt", e);
    }
  }

  private static List<String> names(String commaSeparated) {
    return commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.strip().split(","));
  }
}
