package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What a user profile and a space have alike: the domain they live in, their name, when they were
 * created and their status over time (state guarded by {@link SageMakerService}).
 */
abstract class DomainChild {

  final String domainId;
  final String name;
  final String homeEfsFileSystemUid;
  final Instant creationTime;
  final StatusTimeline<ResourceStatus> timeline;

  DomainChild(
      String domainId,
      String name,
      String homeEfsFileSystemUid,
      Instant creationTime,
      StatusTimeline<ResourceStatus> timeline) {
    this.domainId = domainId;
    this.name = name;
    this.homeEfsFileSystemUid = homeEfsFileSystemUid;
    this.creationTime = creationTime;
    this.timeline = timeline;
  }

  /**
   * The members DescribeUserProfile and DescribeSpace answer alike: {@code kind} is {@code
   * UserProfile} or {@code Space}, which names the ARN and name members.
   */
  ObjectNode describe(String kind) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("DomainId", domainId);
    out.put(kind + "Arn", arn());
    out.put(kind + "Name", name);
    out.put("HomeEfsFileSystemUid", homeEfsFileSystemUid);
    out.put("Status", status().wireName());
    out.set("LastModifiedTime", StudioResources.timestamp(timeline.changedAt()));
    out.set("CreationTime", StudioResources.timestamp(creationTime));
    return out;
  }

  abstract String arn();

  ResourceStatus status() {
    return timeline.status();
  }
}
