package dev.studiolifecycle.local.asl.engine;

import java.util.Optional;

/**
 * What a Distributed Map needs beyond the engine, asked in the name of the execution that runs it
 * (so its role's policy decides): S3 objects for ItemReader and ResultWriter, and leave to start
 * the Map Run's child workflow executions.
 */
public interface MapRunServices {

  /** A refused or failed call: the error and cause the Map state reports. */
  final class Failure extends RuntimeException {
    public Failure(String message) {
      super(message);
    }
  }

  /**
   * @throws Failure when the object cannot be read
   */
  byte[] getObject(String executionArn, String bucket, String key);

  /**
   * Writes one of a ResultWriter's objects.
   *
   * @throws Failure when the object cannot be written, or the role lacks what a ResultWriter needs
   */
  void putObject(String executionArn, String bucket, String key, byte[] body);

  /**
   * Why the execution's role may not run a Distributed Map ({@code states:StartExecution} on its
   * own state machine, {@code states:DescribeExecution} on its executions); empty when it may.
   */
  Optional<String> mapRunDenial(String executionArn, String stateMachineArn);

  /**
   * Why the execution's role may not redrive a child workflow execution of its Map Run ({@code
   * states:RedriveExecution} on the child, developer guide, "Redriving Map Runs"); empty when it
   * may.
   */
  default Optional<String> childRedriveDenial(String executionArn, String childExecutionArn) {
    return Optional.empty();
  }

  /** Where there is no S3: a Map that reads or writes objects fails; children may start. */
  MapRunServices NONE =
      new MapRunServices() {
        @Override
        public byte[] getObject(String executionArn, String bucket, String key) {
          throw new Failure("this runtime has no S3 to read s3://" + bucket + "/" + key + " from");
        }

        @Override
        public void putObject(String executionArn, String bucket, String key, byte[] body) {
          throw new Failure("this runtime has no S3 to write s3://" + bucket + "/" + key + " to");
        }

        @Override
        public Optional<String> mapRunDenial(String executionArn, String stateMachineArn) {
          return Optional.empty();
        }
      };
}
