package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda tasks in both forms: {@code arn:aws:states:::lambda:invoke} (FunctionName and Payload in
 * Parameters, the result is Lambda's Invoke response with the function's output under Payload), and
 * a function ARN as the Resource (the effective input is the event, the result is the function's
 * output). A function error fails the task with the function's errorType as the error and the
 * runtime's error document as the cause, as Step Functions reports it.
 */
final class LambdaInvokeIntegration {

  private static final Set<String> PARAMETERS =
      Set.of("FunctionName", "Payload", "Qualifier", "InvocationType");
  private static final Set<String> UNSUPPORTED_PARAMETERS = Set.of("LogType", "ClientContext");
  private static final Set<String> INVOCATION_TYPES = Set.of("RequestResponse", "Event", "DryRun");

  private final LambdaFunctions functions;

  LambdaInvokeIntegration(LambdaFunctions functions) {
    this.functions = functions;
  }

  List<String> check(TaskState state) {
    List<String> problems = new ArrayList<>();
    if (state.resource() instanceof TaskResource.LambdaFunction) {
      return problems;
    }
    JsonNode parameters = state.arguments();
    String where = IntegrationParameters.where(state);
    if (state.argumentsComputed()) {
      return problems;
    }
    if (parameters.isMissingNode()) {
      problems.add(
          where + "': lambda:invoke needs " + state.argumentsField() + " with FunctionName");
      return problems;
    }
    if (!parameters.has("FunctionName") && !parameters.has("FunctionName.$")) {
      problems.add(where + ".FunctionName': is required by lambda:invoke");
    }
    for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      String bare = field.endsWith(".$") ? field.substring(0, field.length() - 2) : field;
      if (UNSUPPORTED_PARAMETERS.contains(bare)) {
        problems.add(
            where + "." + field + "': " + bare + " is not supported by the local interpreter");
      } else if (!PARAMETERS.contains(bare)) {
        problems.add(
            where
                + "."
                + field
                + "': lambda:invoke has no parameter '"
                + bare
                + "' (expected one of FunctionName, Payload, Qualifier, InvocationType)");
      }
    }
    JsonNode type = parameters.get("InvocationType");
    if (type != null && !(type.isTextual() && INVOCATION_TYPES.contains(type.asText()))) {
      problems.add(
          where + ".InvocationType': must be RequestResponse, Event or DryRun, got " + type);
    }
    return problems;
  }

  TaskOutcome invoke(TaskInvocation invocation) {
    if (invocation.resource() instanceof TaskResource.LambdaFunction function) {
      return invokeFunctionArn(function, invocation);
    }
    return invokeIntegration(invocation);
  }

  private TaskOutcome invokeFunctionArn(
      TaskResource.LambdaFunction function, TaskInvocation invocation) {
    LambdaResponse response =
        functions.invoke(function.arn(), null, bytes(invocation.parameters()));
    if (response instanceof LambdaResponse.Returned returned) {
      return TaskOutcome.succeeded(parsePayload(returned.payload()));
    }
    return failure(response);
  }

  private TaskOutcome invokeIntegration(TaskInvocation invocation) {
    JsonNode parameters = invocation.parameters();
    JsonNode name = parameters.get("FunctionName");
    if (name == null || !name.isTextual()) {
      return TaskOutcome.failed(
          "Lambda.InvalidParameterValueException", "FunctionName must be a string, got " + name);
    }
    JsonNode qualifierNode = parameters.get("Qualifier");
    String qualifier =
        qualifierNode != null && qualifierNode.isTextual() ? qualifierNode.asText() : null;
    JsonNode typeNode = parameters.get("InvocationType");
    String type = typeNode == null ? "RequestResponse" : typeNode.asText();
    if (!INVOCATION_TYPES.contains(type)) {
      return TaskOutcome.failed(
          "Lambda.InvalidParameterValueException",
          "InvocationType must be RequestResponse, Event or DryRun, got " + typeNode);
    }
    if (type.equals("DryRun")) {
      // Lambda only validates a DryRun request: the function does not run.
      return TaskOutcome.succeeded(
          result(NullNode.getInstance(), 204, "$LATEST", "", 0, invocation));
    }
    JsonNode payload =
        parameters.has("Payload") ? parameters.get("Payload") : LocalJson.MAPPER.createObjectNode();
    LambdaResponse response = functions.invoke(name.asText(), qualifier, bytes(payload));
    if (response instanceof LambdaResponse.Returned returned) {
      if (type.equals("Event")) {
        return TaskOutcome.succeeded(
            result(TextNode.valueOf(""), 202, null, returned.requestId(), 0, invocation));
      }
      return TaskOutcome.succeeded(
          result(
              parsePayload(returned.payload()),
              200,
              returned.executedVersion(),
              returned.requestId(),
              returned.payload().length,
              invocation));
    }
    return failure(response);
  }

  private static TaskOutcome failure(LambdaResponse response) {
    if (response instanceof LambdaResponse.FunctionError error) {
      String cause = new String(error.payload(), StandardCharsets.UTF_8);
      String errorType = error.errorType() == null ? "Lambda.Unknown" : error.errorType();
      return TaskOutcome.failed(errorType, cause);
    }
    LambdaResponse.ServiceError error = (LambdaResponse.ServiceError) response;
    // Step Functions calls Lambda with the AWS SDK for Java 1.x and quotes its exception text.
    return TaskOutcome.failed(
        "Lambda." + error.errorCode(),
        error.message()
            + " (Service: AWSLambda; Status Code: "
            + error.statusCode()
            + "; Error Code: "
            + error.errorCode()
            + "; Request ID: "
            + error.requestId()
            + "; Proxy: null)");
  }

  private static ObjectNode result(
      JsonNode payload,
      int status,
      String executedVersion,
      String requestId,
      int contentLength,
      TaskInvocation invocation) {
    ObjectNode result = SdkMetadata.object();
    if (executedVersion != null) {
      result.put("ExecutedVersion", executedVersion);
    }
    result.set("Payload", payload);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Connection", "keep-alive");
    headers.put("Content-Length", Integer.toString(contentLength));
    headers.put("Content-Type", "application/json");
    headers.put("Date", SdkMetadata.httpDate(invocation.startTime()));
    if (executedVersion != null) {
      headers.put("X-Amz-Executed-Version", executedVersion);
    }
    headers.put("x-amzn-Remapped-Content-Length", "0");
    headers.put("x-amzn-RequestId", requestId);
    headers.put("X-Amzn-Trace-Id", "Root=" + traceId(requestId) + ";Sampled=0");
    SdkMetadata.addTo(result, headers, status, requestId);
    result.put("StatusCode", status);
    return result;
  }

  private static String traceId(String requestId) {
    String hex = requestId.replace("-", "");
    hex = (hex + "000000000000000000000000").substring(0, 24);
    return "1-00000000-" + hex;
  }

  /** The function's output; output that is not JSON is passed on as a string. */
  private static JsonNode parsePayload(byte[] payload) {
    if (payload.length == 0) {
      return NullNode.getInstance();
    }
    try {
      return LocalJson.MAPPER.readTree(payload);
    } catch (java.io.IOException e) {
      return TextNode.valueOf(new String(payload, StandardCharsets.UTF_8));
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
