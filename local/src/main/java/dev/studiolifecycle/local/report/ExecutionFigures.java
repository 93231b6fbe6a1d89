package dev.studiolifecycle.local.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.template.FunctionDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What AWS bills for one execution, and how long it took in virtual time.
 *
 * @param statesEntered every state entered, Map iterations' states included
 * @param retries every Task attempt after a failure: Standard workflows bill each retry as a state
 *     transition too
 * @param lambdaMemoryGb the memory of every Lambda invocation, added up: what one second of average
 *     run time costs in GB-seconds (0 when the functions' memory is not known)
 * @param lambdaUsdPerSecond what one second of average run time costs in dollars: each invocation's
 *     GB at its function's architecture's price
 */
public record ExecutionFigures(
    int statesEntered,
    int retries,
    int lambdaInvocations,
    double lambdaMemoryGb,
    double lambdaUsdPerSecond,
    Duration virtualDuration) {

  /** Counts what the history holds; the functions' memory unknown. */
  public static ExecutionFigures of(Execution execution) {
    return of(execution, functionArn -> Optional.empty());
  }

  /**
   * Counts every state entered, every retry (a Lambda or task attempt whose previous event in its
   * branch is the failure it retries) and every Lambda invocation, retries included.
   *
   * @param functions the template's function with this ARN (its memory and architecture), if known
   */
  public static ExecutionFigures of(
      Execution execution, Function<String, Optional<FunctionDefinition>> functions) {
    int entered = 0;
    int retries = 0;
    int invocations = 0;
    double memoryGb = 0;
    double usdPerSecond = 0;
    Map<Long, HistoryEventType> types = new HashMap<>();
    for (HistoryEvent event : execution.history()) {
      types.put(event.id(), event.type());
      if (event.type().name().endsWith("StateEntered")) {
        entered++;
        continue;
      }
      String lambdaArn = lambdaArnOf(event);
      boolean scheduled =
          lambdaArn != null
              || event.type() == HistoryEventType.TaskScheduled
              || event.type() == HistoryEventType.LambdaFunctionScheduled;
      if (!scheduled) {
        continue;
      }
      HistoryEventType previous = types.get(event.previousEventId());
      if (previous != null
          && (previous.name().endsWith("Failed") || previous.name().endsWith("TimedOut"))) {
        retries++;
      }
      if (lambdaArn != null) {
        invocations++;
        Optional<FunctionDefinition> function = functions.apply(lambdaArn);
        if (function.isPresent()) {
          double gb = function.get().memorySize() / 1024.0;
          memoryGb += gb;
          usdPerSecond += gb * ListPrices.lambdaGbSecondUsd(function.get().architecture());
        }
      }
    }
    Instant end = ExecutionReport.endOf(execution);
    return new ExecutionFigures(
        entered,
        retries,
        invocations,
        memoryGb,
        usdPerSecond,
        Duration.between(execution.startDate(), end));
  }

  /** The function a Lambda invocation of this event called, or null for other events. */
  private static String lambdaArnOf(HistoryEvent event) {
    if (event.details() instanceof EventDetails.LambdaFunctionScheduled lambda) {
      return lambda.resource();
    }
    if (event.details() instanceof EventDetails.TaskScheduled task
        && "lambda".equals(task.resourceType())) {
      return functionArnIn(task.parameters());
    }
    return null;
  }

  /** The state transitions AWS bills: every state entered and every retry. */
  public int billedTransitions() {
    return statesEntered + retries;
  }

  /** Step Functions' and Lambda's request charges at list price, in dollars. */
  public double listPriceUsd() {
    return billedTransitions() * ListPrices.STATE_TRANSITION_USD
        + lambdaInvocations * ListPrices.LAMBDA_REQUEST_USD;
  }

  /**
   * {@code 21 state transitions billed (18 states, 3 retries), 5 Lambda invocations, virtual
   * duration 00:01:32}.
   */
  public String render() {
    return ExecutionReport.count(billedTransitions(), "state transition")
        + " billed ("
        + ExecutionReport.count(statesEntered, "state")
        + ", "
        + ExecutionReport.count(retries, "retry", "retries")
        + "), "
        + ExecutionReport.count(lambdaInvocations, "Lambda invocation")
        + ", virtual duration "
        + ExecutionReport.offset(virtualDuration).substring(1).strip();
  }

  /**
   * {@code list price (us-east-1) $0.000526: Step Functions Standard $0.000525, Lambda requests
   * $0.000001; Lambda run time (not simulated) adds $0.0000833 per second of average invocation run
   * time}.
   */
  public String renderCost() {
    StringBuilder out =
        new StringBuilder("list price (us-east-1) ")
            .append(ListPrices.usd(listPriceUsd()))
            .append(": Step Functions Standard ")
            .append(ListPrices.usd(billedTransitions() * ListPrices.STATE_TRANSITION_USD))
            .append(", Lambda requests ")
            .append(ListPrices.usd(lambdaInvocations * ListPrices.LAMBDA_REQUEST_USD));
    if (lambdaMemoryGb > 0) {
      out.append("; Lambda run time (not simulated) adds ")
          .append(ListPrices.usd(lambdaUsdPerSecond))
          .append(" per second of average invocation run time");
    }
    return out.toString();
  }

  /** The FunctionName of a lambda:invoke task's parameters (a name or an ARN), or "". */
  private static String functionArnIn(String parameters) {
    try {
      JsonNode name = LocalJson.MAPPER.readTree(parameters).path("FunctionName");
      return name.isTextual() ? name.asText() : "";
    } catch (JsonProcessingException e) {
      return "";
    }
  }
}
