package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.studiolifecycle.local.LocalJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Lambda takes as a function's environment variables, checked when the template is read so
 * that a template the local runtime runs is one Lambda would deploy.
 */
final class LambdaEnvironment {

  /** Lambda API reference, EnvironmentVariables: the key pattern. */
  private static final Pattern KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");

  /**
   * Lambda developer guide, "Defined runtime environment variables": the runtime sets these and
   * they "can't be set in your function configuration".
   */
  static final Set<String> RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR",
          "TZ");

  /**
   * Lambda quotas: environment variables of 4 KB at most. Lambda measures them as JSON (its
   * refusal, InvalidParameterValueException, quotes the "String measured": {@code
   * {"KEY":"value",...}}).
   */
  static final int MAX_BYTES = 4096;

  private LambdaEnvironment() {}

  /** Refuses, naming {@code where}, a key Lambda refuses or variables over its 4 KB. */
  static void check(Map<String, String> variables, String where) {
    for (String key : variables.keySet()) {
      if (!KEY.matcher(key).matches()) {
        throw new TemplateException(
            where + "." + key + ": Lambda takes keys matching " + KEY.pattern());
      }
      if (RESERVED.contains(key)) {
        throw new TemplateException(
            where + "." + key + ": reserved by the Lambda runtime, which sets it itself");
      }
    }
    int bytes = measured(variables);
    if (bytes > MAX_BYTES) {
      throw new TemplateException(
          where
              + ": "
              + bytes
              + " bytes as JSON; Lambda refuses environment variables over 4 KB ("
              + MAX_BYTES
              + " bytes)");
    }
  }

  private static int measured(Map<String, String> variables) {
    try {
      return LocalJson.MAPPER.writeValueAsString(variables).getBytes(StandardCharsets.UTF_8).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always writes as JSON", e);
    }
  }
}
