package dev.studiolifecycle.local.emulator.sagemaker;

import java.time.Instant;

/**
 * What a user profile and a space have alike: the domain they live in, their name, when they were
 * created and their status over time (state guarded by {@link SageMakerService}).
 */
abstract class DomainChild {

  final String domainId;
  final String name;
  final Instant creationTime;
  final StatusTimeline<ResourceStatus> timeline;

  DomainChild(
      String domainId, String name, Instant creationTime, StatusTimeline<ResourceStatus> timeline) {
    this.domainId = domainId;
    this.name = name;
    this.creationTime = creationTime;
    this.timeline = timeline;
  }

  abstract String arn();

  ResourceStatus status() {
    return timeline.status();
  }
}
