package dev.studiolifecycle.local.emulator;

/** Runs one operation; answers with a reply or throws {@link AwsServiceError}. */
@FunctionalInterface
public interface OperationHandler {

  ServiceReply handle(ServiceRequest request);
}
