package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Resources section as CloudFormation takes it before creating anything (CloudFormation User
 * Guide, "CloudFormation template Resources syntax"; quotas: 500 resources a template): logical ids
 * of letters and digits, a Type for each, and types it knows in the Region
 * ("cloudformation-resource-types.txt", the types of us-east-1), SAM's own ({@code
 * AWS::Serverless::*}, which the SAM transform expands) or a custom resource ({@code
 * Custom::<name>}, up to 60 letters, digits and {@code _@-}). Anything else is "Template format
 * error: Unrecognized resource types: [...]". Private and third-party types registered in an
 * account are not known here and are refused (the stricter reading); so are AWS types newer than
 * the list. The 500 is counted before SAM expands its resources, so a template SAM takes past it is
 * not caught here.
 */
final class ResourceTypes {

  static final int MAX_RESOURCES = 500;

  private static final Pattern CUSTOM = Pattern.compile("Custom::[A-Za-z0-9_@-]{1,60}");
  private static final Set<String> SAM =
      Set.of(
          "AWS::Serverless::Api",
          "AWS::Serverless::Application",
          "AWS::Serverless::Connector",
          "AWS::Serverless::Function",
          "AWS::Serverless::GraphQLApi",
          "AWS::Serverless::HttpApi",
          "AWS::Serverless::LayerVersion",
          "AWS::Serverless::SimpleTable",
          "AWS::Serverless::StateMachine");
  private static final Set<String> KNOWN = load();

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
    return KNOWN.contains(type) || SAM.contains(type) || CUSTOM.matcher(type).matches();
  }

  private static Set<String> load() {
    try (InputStream in =
            ResourceTypes.class.getResourceAsStream("cloudformation-resource-types.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Set<String> types = new LinkedHashSet<>();
      reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(types::add);
      return Set.copyOf(types);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cloudformation-resource-types.txt", e);
    }
  }
}
