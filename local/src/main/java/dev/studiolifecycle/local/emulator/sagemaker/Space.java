package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A Studio space, private to its owner or shared (state guarded by {@link SageMakerService}). */
final class Space extends DomainChild {

  JsonNode spaceSettings;
  final String ownerUserProfileName;
  final String sharingType;
  String displayName;

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
    super(domainId, name, homeEfsFileSystemUid, creationTime, timeline);
    this.spaceSettings = spaceSettings;
    this.ownerUserProfileName = ownerUserProfileName;
    this.sharingType = sharingType;
    this.displayName = displayName;
  }

  @Override
  String arn() {
    return SageMakerArns.space(domainId, name);
  }
}
