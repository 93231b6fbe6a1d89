package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A template's Outputs, read as CloudFormation reads them when it creates the stack (CloudFormation
 * User Guide, "CloudFormation template Outputs syntax"): at most 200 outputs, each with a logical
 * id of letters and digits, a required Value, a Description that is a literal string of at most
 * 1,024 bytes ("You can't use a parameter or function to specify the description"), an optional
 * Condition and Export. An output whose Condition is false is not part of the stack; the Value of
 * the others is resolved, so one that names a resource the stack does not create stops the
 * deployment, as it stops CloudFormation. The guide does not say that a Value must come to a
 * string, nor what an export's name may hold beyond being unique in the account and Region: a Value
 * that comes to a list or mapping is refused (the stricter reading), and two outputs of the
 * template exporting one name are refused.
 */
final class StackOutputs {

  static final int MAX_OUTPUTS = 200;

  private static final int MAX_DESCRIPTION_BYTES = 1024;
  private static final Set<String> FIELDS = Set.of("Description", "Value", "Export", "Condition");

  private StackOutputs() {}

  static Map<String, StackOutput> read(JsonNode declared, IntrinsicResolver resolver) {
    Map<String, StackOutput> outputs = new LinkedHashMap<>();
    if (declared == null) {
      return outputs;
    }
    if (!declared.isObject()) {
      throw new TemplateException("Outputs: must be a mapping of outputs by logical id");
    }
    if (declared.size() > MAX_OUTPUTS) {
      throw new TemplateException(
          "Outputs: " + declared.size() + " outputs; a template declares at most " + MAX_OUTPUTS);
    }
    Set<String> exports = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String where = "Outputs." + entry.getKey();
      JsonNode output = entry.getValue();
      checkForm(entry.getKey(), output, where);
      JsonNode condition = output.get("Condition");
      if (condition != null && !resolver.condition(condition.asText(), where + ".Condition")) {
        continue;
      }
      JsonNode value = resolver.resolve(output.get("Value"), where + ".Value");
      if (!value.isValueNode()) {
        throw new TemplateException(
            where
                + ".Value: comes to "
                + (value.isMissingNode() ? "no value (AWS::NoValue)" : value.toString())
                + "; an output's value is a string");
      }
      String exportName = null;
      if (output.has("Export")) {
        exportName =
            resolver.resolveString(output.get("Export").get("Name"), where + ".Export.Name");
        if (!exports.add(exportName)) {
          throw new TemplateException(
              where
                  + ".Export.Name: '"
                  + exportName
                  + "' is exported by another output too; an export's name is unique in the"
                  + " account and Region");
        }
      }
      JsonNode description = output.get("Description");
      outputs.put(
          entry.getKey(),
          new StackOutput(
              entry.getKey(),
              description == null ? null : description.asText(),
              value.asText(),
              exportName));
    }
    return outputs;
  }

  private static void checkForm(String logicalId, JsonNode output, String where) {
    TemplateSections.checkLogicalId(logicalId, where, "output");
    if (!output.isObject() || !output.has("Value")) {
      throw new TemplateException(where + ".Value: is required");
    }
    output
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw new TemplateException(
                    where
                        + "."
                        + field
                        + ": not a field of an output (Description, Value, Export, Condition)");
              }
            });
    JsonNode description = output.get("Description");
    if (description != null && !description.isTextual()) {
      throw new TemplateException(
          where
              + ".Description: a literal string; CloudFormation takes no parameter or function"
              + " here");
    }
    if (description != null
        && description.asText().getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
      throw new TemplateException(
          where
              + ".Description: "
              + description.asText().getBytes(StandardCharsets.UTF_8).length
              + " bytes; an output's description is at most "
              + MAX_DESCRIPTION_BYTES);
    }
    JsonNode export = output.get("Export");
    if (export != null && (!export.isObject() || !export.has("Name"))) {
      throw new TemplateException(where + ".Export.Name: is required when an output is exported");
    }
  }
}
