package dev.studiolifecycle.local.template;

import dev.studiolifecycle.local.LocalAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS::Serverless::StateMachine of the template.
 *
 * @param definitionFile the DefinitionUri file resolved against the template's folder, or null for
 *     an inline Definition
 * @param inlineDefinition the inline Definition as JSON text, or null with a DefinitionUri
 * @param substitutions DefinitionSubstitutions with their intrinsics resolved
 */
public record StateMachineResource(
    String logicalId,
    String name,
    String type,
    String roleArn,
    Path definitionFile,
    String inlineDefinition,
    Map<String, String> substitutions) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  public StateMachineResource {
    substitutions = Collections.unmodifiableMap(new LinkedHashMap<>(substitutions));
  }

  /** {@code arn:aws:states:<region>:<account>:stateMachine:<name>} in the {@link LocalAccount}. */
  public String arn() {
    return LocalAccount.arn("states", "stateMachine:" + name);
  }

  public Optional<Path> definitionPath() {
    return Optional.ofNullable(definitionFile);
  }

  /**
   * The definition with its {@code ${...}} placeholders substituted, as SAM deploys it.
   *
   * @throws TemplateException when the file cannot be read or a placeholder has no substitution
   */
  public String definition() {
    if (inlineDefinition != null) {
      return substitute(inlineDefinition);
    }
    try {
      return substitute(Files.readString(definitionFile));
    } catch (IOException e) {
      throw new TemplateException(
          "Resources."
              + logicalId
              + ".Properties.DefinitionUri: cannot "
              + "read "
              + definitionFile
              + ": "
              + e,
          e);
    }
  }

  /**
   * Substitutes DefinitionSubstitutions into a definition's text.
   *
   * @throws TemplateException naming every placeholder that has no substitution
   */
  public String substitute(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    Set<String> missing = new TreeSet<>();
    while (matcher.find()) {
      String value = substitutions.get(matcher.group(1));
      if (value == null) {
        missing.add(matcher.group(1));
        value = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    if (!missing.isEmpty()) {
      throw new TemplateException(
          "Resources."
              + logicalId
              + ".Properties."
              + "DefinitionSubstitutions: no value for the definition's placeholder"
              + (missing.size() == 1 ? " " : "s ")
              + "${"
              + String.join("}, ${", missing)
              + "}");
    }
    return out.toString();
  }
}
