package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A Studio space, private to its owner or shared (state guarded by {@link SageMakerService}). */
final class Space {

  final String domainId;
  final String name;
  final String homeEfsFileSystemUid;
  JsonNode spaceSettings;
  final String ownerUserProfileName;
  final String sharingType;
  String displayName;
  final Instant creationTime;
  final StatusTimeline<ResourceStatus> timeline;

  Space(
      String domainId,
      String name,
      String homeEfsFileSystemUid,
      JsonNode spaceSettings,
      String ownerUserProfileName,
      String sharingType,
      String displayName,
      Instant creationTime,
      StatusTimeline<ResourceStatus> timeline) {
    this.domainId = domainId;
    this.name = name;
    this.homeEfsFileSystemUid = homeEfsFileSystemUid;
    this.spaceSettings = spaceSettings;
    this.ownerUserProfileName = ownerUserProfileName;
    this.sharingType = sharingType;
    this.displayName = displayName;
    this.creationTime = creationTime;
    this.timeline = timeline;
  }

  String arn() {
    return SageMakerArns.space(domainId, name);
  }

  ResourceStatus status() {
    return timeline.status();
  }
}
