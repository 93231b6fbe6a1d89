package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import java.time.Instant;

/**
 * One call of a Task state's resource.
 *
 * @param parameters the state's effective input after Parameters: the request of an integration, or
 *     the payload of a Lambda function ARN
 * @param context the Context object ($$) at this attempt
 * @param retryCount how many times the state has been retried so far in this visit
 * @param timeoutSeconds the task's timeout, or 0 when the state sets none
 * @param startTime the virtual time at which the task starts
 */
public record TaskInvocation(
    String executionArn,
    String stateName,
    TaskResource resource,
    JsonNode parameters,
    JsonNode context,
    int retryCount,
    long timeoutSeconds,
    Instant startTime) {}
