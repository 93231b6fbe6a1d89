package dev.studiolifecycle.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What makes a Map state distributed (ItemProcessor.ProcessorConfig.Mode DISTRIBUTED): each item
 * (or batch) runs as a child workflow execution of {@code processor} in a Map Run.
 *
 * @param processor the ItemProcessor as a state machine definition of its own
 * @param reader where the items come from; null when they are the ItemsPath array of the input
 * @param batcher how items are grouped into one child's input; null for one item per child
 * @param writer where the Map Run's results go; null when they are the state's result
 * @param label the Map Run's label (in its ARN and its children's); null for none
 */
public record DistributedMap(
    StateMachineDefinition processor,
    ItemReader reader,
    ItemBatcher batcher,
    ResultWriter writer,
    FailureTolerance tolerance,
    String label) {

  /** A count that is fixed in the definition or read from the effective input by a path. */
  public record Bound(long fixed, String path) {
    public static final Bound NONE = new Bound(-1, null);

    public boolean isSet() {
      return fixed >= 0 || path != null;
    }
  }

  /**
   * {@code arn:aws:states:::s3:getObject} with ReaderConfig: the object's items as JSON (an array),
   * JSONL (a value per line) or CSV (a header row, or the given headers).
   *
   * @param parameters the template of Bucket and Key
   * @param csvHeaders the given headers, or null when the first row names them
   */
  public record ItemReader(
      JsonNode parameters, String inputType, List<String> csvHeaders, Bound maxItems) {}

  /** ItemBatcher: at most so many items, or so many bytes of them, per child input. */
  public record ItemBatcher(Bound maxItems, Bound maxBytes, JsonNode batchInput) {}

  /** {@code arn:aws:states:::s3:putObject} with the template of Bucket and Prefix. */
  public record ResultWriter(JsonNode parameters) {}

  /**
   * ToleratedFailurePercentage and ToleratedFailureCount (or their paths); none set tolerates no
   * failure.
   */
  public record FailureTolerance(double percentage, String percentagePath, Bound count) {
    public static final FailureTolerance NONE = new FailureTolerance(-1, null, Bound.NONE);
  }
}
