package dev.studiolifecycle.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.aws.AwsJsonClient;
import dev.studiolifecycle.model.DomainAuthMode;
import dev.studiolifecycle.model.DomainSummary;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.SsoUser;
import dev.studiolifecycle.model.StudioAccess;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainRequest;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Makes sure a user of an SSO domain can open Studio. The CloudFormation documentation of
 * AWS::SageMaker::UserProfile: the user, or a group of theirs, must be assigned to the domain's
 * Studio application in IAM Identity Center; a profile made without it shows no Studio tile. When
 * neither is, the user is assigned, after the profile is marked ({@link
 * ManagedTags#STUDIO_ASSIGNMENT}), so that offboarding removes exactly that assignment and never a
 * group's or one an administrator made.
 */
public final class StudioAssignments {

  private static final String USER = "USER";
  private static final String GROUP = "GROUP";

  /** The mark of an assignment the workflow made and an offboarding removed (a RESTORE remakes). */
  private static final String REVOKED = "REVOKED";

  private final SageMakerClient sageMaker;
  private final IdentityCenterDirectory directory;
  private final AwsJsonClient ssoAdmin;
  private final StudioLookups lookups;

  public StudioAssignments(
      SageMakerClient sageMaker, IdentityCenterDirectory directory, AwsJsonClient ssoAdmin) {
    this.sageMaker = sageMaker;
    this.directory = directory;
    this.ssoAdmin = ssoAdmin;
    this.lookups = new StudioLookups(sageMaker);
  }

  /** With Identity Center clients from the SDK's standard settings and the function's store. */
  public static StudioAssignments of(SageMakerClient sageMaker, FunctionEnvironment environment) {
    AwsJsonClient ssoAdmin = AwsJsonClient.ssoAdmin();
    return new StudioAssignments(
        sageMaker,
        new IdentityCenterDirectory(
            AwsJsonClient.identityStore(), ssoAdmin, environment.identityStoreId().orElse(null)),
        ssoAdmin);
  }

  /**
   * How the user of {@code profileArn} opens Studio, assigning an SSO user who could not: tags the
   * profile with the Identity Center user id, and assigns the user when neither the user nor a
   * group of theirs is assigned to the domain's application.
   */
  public StudioAccess ensure(String profileArn, DomainSummary domain, SsoUser user) {
    if (domain.authMode() != DomainAuthMode.SSO) {
      return new StudioAccess(domain.url(), null, StudioAccess.IAM);
    }
    if (user == null) {
      // A request that names no ssoUserName (an UPDATE): the user was made sure of at onboarding.
      return new StudioAccess(domain.url(), null, StudioAccess.NOT_CHECKED);
    }
    Map<String, String> tags = lookups.tags(profileArn);
    if (!user.userId().equals(tags.get(ManagedTags.IDENTITY_CENTER_USER))) {
      tag(profileArn, ManagedTags.IDENTITY_CENTER_USER, user.userId());
    }
    String application = domain.singleSignOnApplicationArn();
    if (application == null) {
      return new StudioAccess(domain.url(), user.userId(), StudioAccess.NOT_CHECKED);
    }
    boolean ours = ours(tags);
    if (isAssigned(application, USER, user.userId())) {
      return new StudioAccess(
          domain.url(), user.userId(), ours ? StudioAccess.ASSIGNED : StudioAccess.USER_ASSIGNED);
    }
    if (REVOKED.equals(tags.get(ManagedTags.STUDIO_ASSIGNMENT))) {
      // An ONBOARD during an offboarding's retention gives back what it took.
      tag(profileArn, ManagedTags.STUDIO_ASSIGNMENT, USER);
    } else if (!ours) {
      for (String group : directory.groupIds(user.userId())) {
        if (isAssigned(application, GROUP, group)) {
          return new StudioAccess(domain.url(), user.userId(), StudioAccess.GROUP_ASSIGNED);
        }
      }
      // The mark first: if the assignment is then made but this step fails, offboarding still
      // finds that the workflow made it.
      tag(profileArn, ManagedTags.STUDIO_ASSIGNMENT, USER);
    }
    assign(application, user.userId());
    return new StudioAccess(domain.url(), user.userId(), StudioAccess.ASSIGNED);
  }

  /**
   * Offboarding: removes the user's assignment to the domain's application when the profile says
   * the workflow made it (never a group's, never one an administrator made). With {@code
   * forRestore} the mark then says {@code REVOKED}, for a RESTORE to put the assignment back and
   * for the deletion to find nothing left to do (a profile about to go keeps its mark). Returns
   * whether the user is now without one of ours.
   */
  public boolean unassign(
      String domainId, String profileArn, Map<String, String> tags, boolean forRestore) {
    String userId = tags.get(ManagedTags.IDENTITY_CENTER_USER);
    if (!ours(tags) || userId == null) {
      return false;
    }
    if (REVOKED.equals(tags.get(ManagedTags.STUDIO_ASSIGNMENT))) {
      return true;
    }
    String application = application(domainId);
    if (application == null) {
      return false;
    }
    try {
      ssoAdmin.call("DeleteApplicationAssignment", target(application, USER, userId));
    } catch (AwsServiceException e) {
      // Removed already (a replay of the step, or by an administrator): what was wanted.
      if (!"ResourceNotFoundException".equals(AwsErrorCodes.code(e))) {
        throw e;
      }
    }
    if (forRestore) {
      tag(profileArn, ManagedTags.STUDIO_ASSIGNMENT, REVOKED);
    }
    return true;
  }

  /** RESTORE: puts back the assignment {@link #unassign} removed. Returns whether it did. */
  public boolean reassign(String domainId, String profileArn, Map<String, String> tags) {
    String userId = tags.get(ManagedTags.IDENTITY_CENTER_USER);
    if (!ours(tags) || userId == null) {
      return false;
    }
    String application = application(domainId);
    if (application == null) {
      return false;
    }
    assign(application, userId);
    if (!USER.equals(tags.get(ManagedTags.STUDIO_ASSIGNMENT))) {
      tag(profileArn, ManagedTags.STUDIO_ASSIGNMENT, USER);
    }
    return true;
  }

  /** Whether the profile says the workflow made the user's assignment (in place or revoked). */
  private static boolean ours(Map<String, String> tags) {
    String mark = tags.get(ManagedTags.STUDIO_ASSIGNMENT);
    return USER.equals(mark) || REVOKED.equals(mark);
  }

  private String application(String domainId) {
    return sageMaker
        .describeDomain(DescribeDomainRequest.builder().domainId(domainId).build())
        .singleSignOnApplicationArn();
  }

  /** Whether Identity Center still holds the user Validate found (see {@link #ensure}). */
  public boolean userStillExists(SsoUser user) {
    return directory.holdsUser(user.userId());
  }

  private boolean isAssigned(String application, String principalType, String principalId) {
    try {
      ssoAdmin.call(
          "DescribeApplicationAssignment", target(application, principalType, principalId));
      return true;
    } catch (AwsServiceException e) {
      if ("ResourceNotFoundException".equals(AwsErrorCodes.code(e))) {
        return false;
      }
      throw e;
    }
  }

  private void assign(String application, String userId) {
    try {
      ssoAdmin.call("CreateApplicationAssignment", target(application, USER, userId));
    } catch (AwsServiceException e) {
      // Assigned between the look and the call (a rerun of this step): what was wanted.
      if (!"ConflictException".equals(AwsErrorCodes.code(e))) {
        throw e;
      }
    }
  }

  private static ObjectNode target(String application, String principalType, String principalId) {
    return AwsJsonClient.body()
        .put("ApplicationArn", application)
        .put("PrincipalId", principalId)
        .put("PrincipalType", principalType);
  }

  private void tag(String profileArn, String key, String value) {
    sageMaker.addTags(
        AddTagsRequest.builder()
            .resourceArn(profileArn)
            .tags(Tag.builder().key(key).value(value).build())
            .build());
  }
}
