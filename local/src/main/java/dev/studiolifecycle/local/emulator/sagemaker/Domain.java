package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.RequestRegion;
import java.time.Instant;

/** A Studio domain (state guarded by {@link SageMakerService}). */
final class Domain {

  final String domainId;
  final String domainName;
  final String authMode;
  JsonNode defaultUserSettings;
  JsonNode domainSettings;
  JsonNode defaultSpaceSettings;
  final String vpcId;
  JsonNode subnetIds;
  String appNetworkAccessType;
  final String homeEfsFileSystemId;
  final Instant creationTime;
  final StatusTimeline<ResourceStatus> timeline;

  /** The application SageMaker manages in IAM Identity Center for an SSO domain, else null. */
  String singleSignOnApplicationArn;

  private int nextEfsUid = 200001;

  Domain(
      String domainId,
      String domainName,
      String authMode,
      JsonNode defaultUserSettings,
      JsonNode domainSettings,
      JsonNode defaultSpaceSettings,
      String vpcId,
      JsonNode subnetIds,
      String appNetworkAccessType,
      String homeEfsFileSystemId,
      Instant creationTime,
      StatusTimeline<ResourceStatus> timeline) {
    this.domainId = domainId;
    this.domainName = domainName;
    this.authMode = authMode;
    this.defaultUserSettings = defaultUserSettings;
    this.domainSettings = domainSettings;
    this.defaultSpaceSettings = defaultSpaceSettings;
    this.vpcId = vpcId;
    this.subnetIds = subnetIds;
    this.appNetworkAccessType = appNetworkAccessType;
    this.homeEfsFileSystemId = homeEfsFileSystemId;
    this.creationTime = creationTime;
    this.timeline = timeline;
  }

  String arn() {
    return SageMakerArns.domain(domainId);
  }

  boolean usesSso() {
    return "SSO".equals(authMode);
  }

  String url() {
    return "https://" + domainId + ".studio." + RequestRegion.current() + ".sagemaker.aws";
  }

  /** Each profile and space gets its own POSIX uid on the domain's home EFS. */
  String nextHomeEfsUid() {
    return Integer.toString(nextEfsUid++);
  }
}
