package dev.studiolifecycle.local.permissions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IAM policy variables in a Resource, NotResource or condition value (IAM User Guide, "IAM policy
 * elements: Variables and tags"): {@code ${key}} takes the request context's single value of the
 * key (keys are not case sensitive), {@code ${key, 'default'}} falls back to the default, and
 * {@code ${*}}, {@code ${?}} and {@code ${$}} stand for those characters as literals. One round of
 * replacement only. A value taken from the request is always literal: its {@code *} is no wildcard.
 */
final class PolicyVariables {

  private PolicyVariables() {}

  /**
   * The policy text as a regular expression, {@code *} and {@code ?} as IAM's wildcards when {@code
   * wildcards}; empty when a variable has no single value in {@code context} and no default (the
   * guide: a variable AWS cannot resolve may make the whole statement invalid).
   *
   * @throws IllegalArgumentException for a malformed variable, so it can never match by accident
   */
  static Optional<Pattern> compile(
      String text,
      boolean variables,
      boolean wildcards,
      boolean ignoreCase,
      Map<String, List<String>> context) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (variables && c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("policy variable without a closing brace in " + text);
        }
        Optional<String> value = value(text.substring(i + 2, end), context, text);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        regex.append(Pattern.quote(value.get()));
        i = end + 1;
      } else if (wildcards && (c == '*' || c == '?')) {
        regex.append(c == '*' ? ".*" : ".");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    return Optional.of(Pattern.compile(regex.toString(), flags));
  }

  private static Optional<String> value(
      String inside, Map<String, List<String>> context, String text) {
    String body = inside.trim();
    if (body.equals("*") || body.equals("?") || body.equals("$")) {
      return Optional.of(body);
    }
    String key = body;
    String fallback = null;
    int comma = body.indexOf(',');
    if (comma >= 0) {
      key = body.substring(0, comma).trim();
      String quoted = body.substring(comma + 1).trim();
      if (quoted.length() < 2 || !quoted.startsWith("'") || !quoted.endsWith("'")) {
        throw new IllegalArgumentException(
            "policy variable default must be in single quotes: ${" + inside + "} in " + text);
      }
      fallback = quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("empty policy variable in " + text);
    }
    List<String> values = PolicyEvaluator.lookUp(context, key);
    if (values != null && values.size() == 1) {
      return Optional.of(values.get(0));
    }
    return Optional.ofNullable(fallback);
  }
}
