package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;

/**
 * Where Lambda puts an asynchronous invocation of a template function that failed its retries: the
 * SQS queue of its OnFailure destination when the function's role may send there, else nowhere
 * (Lambda developer guide, "Capturing records of Lambda asynchronous invocations": a delivery that
 * fails for permissions is only counted, in {@code DestinationDeliveryFailures}).
 */
public sealed interface FailedInvocationDestination {

  /** The invocation record is kept in this queue. */
  record Queue(String queueArn) implements FailedInvocationDestination {
    @Override
    public String said() {
      return "then sends it to " + queueArn;
    }
  }

  /** The invocation is dropped, and why. */
  record Lost(String why) implements FailedInvocationDestination {
    @Override
    public String said() {
      return "then drops it: " + why;
    }
  }

  /** What Lambda does with the invocation after its retries, as the end of a sentence. */
  String said();

  /**
   * @param authorizer the template's policies when IAM is enforced, else null (every send allowed)
   */
  static FailedInvocationDestination of(
      FunctionDefinition function, SamTemplate template, TemplatePolicyAuthorizer authorizer) {
    if (function.onFailureDestination().isEmpty()) {
      return new Lost(function.logicalId() + " has no OnFailure destination");
    }
    String queue = function.onFailureDestination().get();
    if (template.fifoQueue(queue)) {
      // Lambda sends records to standard queues only; a FIFO queue is a delivery failure, counted
      // in DestinationDeliveryFailures ("Capturing records of Lambda asynchronous invocations").
      return new Lost(queue + " is a FIFO queue, to which Lambda does not send invocation records");
    }
    if (authorizer == null) {
      return new Queue(queue);
    }
    return authorizer
        .destinationDenial(function.logicalId(), queue)
        .<FailedInvocationDestination>map(Lost::new)
        .orElseGet(() -> new Queue(queue));
  }
}
