package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A Studio app of a user profile or of a space (state guarded by {@link SageMakerService}). */
final class App {

  final AppKey key;
  final JsonNode resourceSpec;
  final Instant creationTime;
  final StatusTimeline<AppStatus> timeline;

  /** The seeded or default behaviour; fault rules are applied on top when events happen. */
  final AppBehaviour baseBehaviour;

  String failureReason;

  App(
      AppKey key,
      JsonNode resourceSpec,
      Instant creationTime,
      StatusTimeline<AppStatus> timeline,
      AppBehaviour baseBehaviour) {
    this.key = key;
    this.resourceSpec = resourceSpec;
    this.creationTime = creationTime;
    this.timeline = timeline;
    this.baseBehaviour = baseBehaviour;
  }

  String arn() {
    return key.arn();
  }

  AppStatus status() {
    return timeline.status();
  }
}
