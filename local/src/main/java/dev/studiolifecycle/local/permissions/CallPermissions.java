package dev.studiolifecycle.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IAM authorizations behind the AWS calls of a request log, replayed in order: for each call
 * the action of its operation on the resource it names, with the condition keys IAM would see, plus
 * the permissions the operation implies (the request log shows operations only):
 *
 * <ul>
 *   <li>{@code iam:CreateRole} with Tags also needs {@code iam:TagRole};
 *   <li>{@code sagemaker:CreateUserProfile} with Tags also needs {@code sagemaker:AddTags};
 *   <li>{@code sagemaker:CreateUserProfile} / {@code UpdateUserProfile} need {@code iam:PassRole}
 *       (to {@code sagemaker.amazonaws.com}) on every role ARN in the settings.
 * </ul>
 *
 * Roles' paths, tags and permissions boundaries (for role ARNs and the {@code aws:ResourceTag} and
 * {@code iam:PermissionsBoundary} keys) come from the seeded roles and from the successful IAM
 * calls replayed so far. A space's owner and sharing type give the {@code
 * sagemaker:OwnerUserProfileArn} and {@code sagemaker:SpaceSharingType} keys of the calls that
 * create, change or delete the space or its apps (the keys AmazonSageMakerFullAccess and the
 * SageMaker developer guide's "Give your users access to spaces" policy test on those actions); an
 * app of a user profile, or a space without an owner, carries neither. Live, a call on a SageMaker
 * resource that exists carries its tags as {@code aws:ResourceTag/*}, and AddTags and DeleteTags
 * carry {@code aws:TagKeys} (and AddTags {@code aws:RequestTag/*}).
 */
public final class CallPermissions {

  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/.+");

  /** What is known of one role. */
  public record RoleFacts(String path, Map<String, String> tags, String boundaryArn) {
    public RoleFacts {
      tags = Map.copyOf(tags);
    }
  }

  /** Where the facts of a role come from: IAM's state as the call arrives. */
  @FunctionalInterface
  public interface RoleLookup {
    Optional<RoleFacts> role(String roleName);
  }

  /** What is known of one space: its owner (null for none) and sharing type (Private, Shared). */
  public record SpaceFacts(String ownerUserProfileName, String sharingType) {}

  /** Where the facts of a space come from: SageMaker's state as the call arrives. */
  @FunctionalInterface
  public interface SpaceLookup {
    Optional<SpaceFacts> space(String domainId, String spaceName);
  }

  /** Where the tags of a SageMaker resource come from: SageMaker's state as the call arrives. */
  @FunctionalInterface
  public interface TagLookup {
    /** The resource's tags; empty for a resource that does not exist (yet). */
    Map<String, String> tags(String arn);
  }

  /** Roles learnt by replaying a request log (null when the lookup is live). */
  private final Map<String, RoleFacts> replayed;

  /** Spaces learnt by replaying a request log (null when the lookup is live). */
  private final Map<String, SpaceFacts> replayedSpaces;

  /** SageMaker resources' tags by ARN, learnt by replaying (null when the lookup is live). */
  private final Map<String, Map<String, String>> replayedTags;

  private final RoleLookup lookup;
  private final SpaceLookup spaces;
  private final TagLookup sageMakerTags;

  /**
   * Replays a request log: starts from the roles that exist before the first call (a scenario's
   * seeds) and learns from each successful IAM call of the log.
   */
  public CallPermissions(Map<String, RoleFacts> seededRoles) {
    this(seededRoles, Map.of());
  }

  /**
   * The same, starting also from the tags of SageMaker resources that exist before the first call
   * (a scenario's seeded profiles, by ARN), and learning from the log's successful
   * CreateUserProfile, AddTags, DeleteTags and DeleteUserProfile calls.
   */
  public CallPermissions(
      Map<String, RoleFacts> seededRoles, Map<String, Map<String, String>> seededSageMakerTags) {
    this.replayed = new HashMap<>(seededRoles);
    this.replayedSpaces = new HashMap<>();
    this.replayedTags = new HashMap<>();
    seededSageMakerTags.forEach((arn, tags) -> replayedTags.put(arn, new LinkedHashMap<>(tags)));
    this.lookup = name -> Optional.ofNullable(replayed.get(name));
    this.spaces =
        (domainId, name) -> Optional.ofNullable(replayedSpaces.get(domainId + "/" + name));
    this.sageMakerTags = arn -> replayedTags.getOrDefault(arn, Map.of());
  }

  private CallPermissions(RoleLookup lookup, SpaceLookup spaces, TagLookup sageMakerTags) {
    this.replayed = null;
    this.replayedSpaces = null;
    this.replayedTags = null;
    this.lookup = lookup;
    this.spaces = spaces;
    this.sageMakerTags = sageMakerTags;
  }

  /**
   * Authorizes calls as they arrive, reading roles from {@code lookup} (the emulated IAM), spaces
   * from {@code spaces} and resources' tags from {@code sageMakerTags} (the emulated SageMaker).
   */
  public static CallPermissions live(
      RoleLookup lookup, SpaceLookup spaces, TagLookup sageMakerTags) {
    return new CallPermissions(lookup, spaces, sageMakerTags);
  }

  /**
   * The authorizations a call of the log needs, then (replaying) records what a successful call
   * changed.
   *
   * @throws IllegalArgumentException for an operation with no mapping here, so that no call is ever
   *     left unchecked
   */
  public List<IamRequest> next(RecordedCall call) {
    List<IamRequest> requests = requests(call);
    if (call.succeeded() && replayed != null) {
      remember(call);
    }
    return requests;
  }

  /**
   * The authorizations a call needs before it runs.
   *
   * @throws IllegalArgumentException for an operation with no mapping here
   */
  public List<IamRequest> requests(
      String service, String operation, String iamAction, JsonNode parameters) {
    return requests(
        new RecordedCall(
            0, null, service, operation, iamAction, false, parameters, 0, null, null, null));
  }

  private List<IamRequest> requests(RecordedCall call) {
    return switch (call.service()) {
      case "sagemaker" -> sageMaker(call);
      case "iam" -> iam(call);
      default -> StatelessRequests.of(call);
    };
  }

  /** What a successful SageMaker call of the log did to a profile's tags. */
  private void rememberTags(RecordedCall call) {
    JsonNode in = call.parameters();
    String profile =
        LocalAccount.arn(
            "sagemaker",
            "user-profile/"
                + in.path("DomainId").asText()
                + "/"
                + in.path("UserProfileName").asText());
    switch (call.operation()) {
      case "CreateUserProfile" -> {
        Map<String, String> tags = new LinkedHashMap<>();
        in.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        replayedTags.put(profile, tags);
      }
      case "AddTags" ->
          in.path("Tags")
              .forEach(
                  t ->
                      replayedTags
                          .computeIfAbsent(
                              in.path("ResourceArn").asText(), arn -> new LinkedHashMap<>())
                          .put(t.path("Key").asText(), t.path("Value").asText()));
      case "DeleteTags" ->
          in.path("TagKeys")
              .forEach(
                  key ->
                      replayedTags
                          .getOrDefault(in.path("ResourceArn").asText(), new LinkedHashMap<>())
                          .remove(key.asText()));
      case "DeleteUserProfile" -> replayedTags.remove(profile);
      default -> {
        // Other calls change no tags that authorization looks at.
      }
    }
  }

  /** The role's facts now, if the role is known. */
  public Optional<RoleFacts> role(String roleName) {
    return lookup.role(roleName);
  }

  // ------------------------------------------------------------------ SageMaker

  private List<IamRequest> sageMaker(RecordedCall call) {
    JsonNode in = call.parameters();
    String domain = in.path("DomainId").asText();
    String prefix = LocalAccount.arn("sagemaker", "");
    String profile = prefix + "user-profile/" + domain + "/" + in.path("UserProfileName").asText();
    List<IamRequest> requests = new ArrayList<>();
    switch (call.operation()) {
      case "DescribeDomain", "UpdateDomain", "DeleteDomain" ->
          requests.add(StatelessRequests.request(call, prefix + "domain/" + domain, Map.of()));
      // Service Authorization Reference, SageMaker: CreatePresignedDomainUrl acts on the profile.
      case "DescribeUserProfile", "DeleteUserProfile", "CreatePresignedDomainUrl" ->
          requests.add(StatelessRequests.request(call, profile, Map.of()));
      case "CreateUserProfile", "UpdateUserProfile" -> requests.addAll(profileWrite(call, profile));
      case "ListTags", "AddTags", "DeleteTags" ->
          requests.add(StatelessRequests.request(call, in.path("ResourceArn").asText(), Map.of()));
      case "ListApps", "ListSpaces", "ListUserProfiles", "ListDomains" ->
          requests.add(StatelessRequests.request(call, "*", Map.of()));
      case "DescribeApp", "DeleteApp", "CreateApp" -> requests.add(app(call, prefix, domain));
      case "DescribeSpace", "DeleteSpace", "UpdateSpace", "CreateSpace" ->
          requests.add(space(call, prefix, domain));
      default ->
          throw new IllegalArgumentException(
              "call "
                  + call.sequence()
                  + ": no IAM "
                  + "mapping for sagemaker:"
                  + call.operation());
    }
    boolean creates =
        call.operation().equals("CreateApp") || call.operation().equals("CreateSpace");
    if (creates && in.path("Tags").size() > 0) {
      Map<String, List<String>> context = sageMakerRequestTags(in.path("Tags"));
      context.put("sagemaker:TaggingAction", List.of(call.operation()));
      requests.add(
          new IamRequest(
              "sagemaker:AddTags",
              requests.get(0).resource(),
              context,
              call.operation() + " with Tags"));
    }
    if (call.operation().equals("AddTags") || call.operation().equals("DeleteTags")) {
      Map<String, List<String>> context =
          call.operation().equals("AddTags")
              ? sageMakerRequestTags(in.path("Tags"))
              : new LinkedHashMap<>(Map.of("aws:TagKeys", textValues(in.path("TagKeys"))));
      requests.set(0, withContext(requests.get(0), context));
    }
    return requests.stream().map(this::withResourceTags).toList();
  }

  /** aws:RequestTag/* and aws:TagKeys of a SageMaker Tags list. */
  private static Map<String, List<String>> sageMakerRequestTags(JsonNode tags) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (JsonNode tag : tags) {
      String key = tag.path("Key").asText();
      keys.add(key);
      context.put("aws:RequestTag/" + key, List.of(tag.path("Value").asText()));
    }
    context.put("aws:TagKeys", keys);
    return context;
  }

  private static List<String> textValues(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static IamRequest withContext(IamRequest request, Map<String, List<String>> added) {
    Map<String, List<String>> context = new LinkedHashMap<>(request.context());
    context.putAll(added);
    return new IamRequest(request.action(), request.resource(), context, request.because());
  }

  /**
   * A request on a SageMaker resource that exists carries its tags as aws:ResourceTag/* (IAM User
   * Guide, "Controlling access to AWS resources using tags"); one being created has none yet.
   */
  private IamRequest withResourceTags(IamRequest request) {
    if (!request.resource().startsWith("arn:")) {
      return request;
    }
    Map<String, String> tags = sageMakerTags.tags(request.resource());
    if (tags.isEmpty()) {
      return request;
    }
    Map<String, List<String>> context = new LinkedHashMap<>();
    tags.forEach((key, value) -> context.put("aws:ResourceTag/" + key, List.of(value)));
    return withContext(request, context);
  }

  /** Create or UpdateUserProfile: AddTags with Tags, and PassRole for every role it names. */
  private static List<IamRequest> profileWrite(RecordedCall call, String profile) {
    JsonNode in = call.parameters();
    List<IamRequest> requests = new ArrayList<>();
    requests.add(StatelessRequests.request(call, profile, Map.of()));
    if (in.path("Tags").size() > 0) {
      requests.add(
          new IamRequest(
              "sagemaker:AddTags",
              profile,
              Map.of("sagemaker:TaggingAction", List.of(call.operation())),
              call.operation() + " with Tags"));
    }
    List<String> passed = new ArrayList<>();
    collectRoleArns(in, passed);
    for (String roleArn : passed.stream().distinct().toList()) {
      requests.add(
          new IamRequest(
              "iam:PassRole",
              roleArn,
              Map.of("iam:PassedToService", List.of("sagemaker.amazonaws.com")),
              call.operation() + " naming the role"));
    }
    return requests;
  }

  /** An app of a profile or of a space; a space's app carries the space's keys. */
  private IamRequest app(RecordedCall call, String prefix, String domain) {
    JsonNode in = call.parameters();
    boolean inSpace = in.hasNonNull("SpaceName");
    String owner = inSpace ? in.path("SpaceName").asText() : in.path("UserProfileName").asText();
    Map<String, List<String>> context =
        inSpace && !call.operation().equals("DescribeApp")
            ? spaceContext(domain, spaces.space(domain, owner).orElse(null))
            : Map.of();
    return StatelessRequests.request(
        call,
        prefix
            + "app/"
            + domain
            + "/"
            + owner
            + "/"
            + in.path("AppType").asText().toLowerCase(Locale.ROOT)
            + "/"
            + in.path("AppName").asText(),
        context);
  }

  /** A space, with its owner and sharing type (as asked for, when it is being created). */
  private IamRequest space(RecordedCall call, String prefix, String domain) {
    JsonNode in = call.parameters();
    String space = in.path("SpaceName").asText();
    SpaceFacts facts =
        switch (call.operation()) {
          case "CreateSpace" -> requestedSpace(in);
          case "DescribeSpace" -> null;
          default -> spaces.space(domain, space).orElse(null);
        };
    return StatelessRequests.request(
        call, prefix + "space/" + domain + "/" + space, spaceContext(domain, facts));
  }

  /** The space a CreateSpace asks for: its owner and sharing type, when it names them. */
  private static SpaceFacts requestedSpace(JsonNode in) {
    String owner = in.path("OwnershipSettings").path("OwnerUserProfileName").asText(null);
    String sharing = in.path("SpaceSharingSettings").path("SharingType").asText(null);
    return owner == null && sharing == null ? null : new SpaceFacts(owner, sharing);
  }

  private static Map<String, List<String>> spaceContext(String domainId, SpaceFacts space) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    if (space != null && space.ownerUserProfileName() != null) {
      context.put(
          "sagemaker:OwnerUserProfileArn",
          List.of(
              LocalAccount.arn(
                  "sagemaker", "user-profile/" + domainId + "/" + space.ownerUserProfileName())));
    }
    if (space != null && space.sharingType() != null) {
      context.put("sagemaker:SpaceSharingType", List.of(space.sharingType()));
    }
    return context;
  }

  private static void collectRoleArns(JsonNode node, List<String> arns) {
    if (node.isTextual() && ROLE_ARN.matcher(node.asText()).matches()) {
      arns.add(node.asText());
    } else if (node.isContainerNode()) {
      node.elements().forEachRemaining(child -> collectRoleArns(child, arns));
    }
  }

  // ------------------------------------------------------------------ IAM

  private List<IamRequest> iam(RecordedCall call) {
    QueryParameters in = QueryParameters.of(call.parameters());
    String roleName = in.get("RoleName").orElse(null);
    if (roleName == null) {
      throw new IllegalArgumentException(
          "call "
              + call.sequence()
              + ": no IAM mapping for "
              + "iam:"
              + call.operation()
              + " (it names no role)");
    }
    RoleFacts known = lookup.role(roleName).orElse(null);
    List<IamRequest> requests = new ArrayList<>();
    switch (call.operation()) {
      case "CreateRole" -> {
        String path = in.get("Path").orElse("/");
        String arn = roleArn(path, roleName);
        Map<String, List<String>> context = new LinkedHashMap<>();
        in.get("PermissionsBoundary")
            .ifPresent(b -> context.put("iam:PermissionsBoundary", List.of(b)));
        Map<String, List<String>> tagContext = requestTags(in);
        context.putAll(tagContext);
        requests.add(StatelessRequests.request(call, arn, context));
        if (!tagContext.isEmpty()) {
          requests.add(new IamRequest("iam:TagRole", arn, tagContext, "CreateRole with Tags"));
        }
      }
      case "TagRole" ->
          requests.add(StatelessRequests.request(call, arn(known, roleName), requestTags(in)));
      case "PutRolePermissionsBoundary" -> {
        Map<String, List<String>> context = resourceTags(known);
        in.get("PermissionsBoundary")
            .ifPresent(b -> context.put("iam:PermissionsBoundary", List.of(b)));
        requests.add(StatelessRequests.request(call, arn(known, roleName), context));
      }
      case "AttachRolePolicy", "DetachRolePolicy" -> {
        Map<String, List<String>> context = boundaryAndTags(known);
        in.get("PolicyArn").ifPresent(p -> context.put("iam:PolicyARN", List.of(p)));
        requests.add(StatelessRequests.request(call, arn(known, roleName), context));
      }
      case "PutRolePolicy", "DeleteRolePolicy" ->
          requests.add(
              StatelessRequests.request(call, arn(known, roleName), boundaryAndTags(known)));
      case "GetRole",
          "ListRoleTags",
          "ListAttachedRolePolicies",
          "ListRolePolicies",
          "UpdateAssumeRolePolicy",
          "DeleteRole",
          "GetRolePolicy",
          "UntagRole" ->
          requests.add(StatelessRequests.request(call, arn(known, roleName), resourceTags(known)));
      default ->
          throw new IllegalArgumentException(
              "call " + call.sequence() + ": no IAM " + "mapping for iam:" + call.operation());
    }
    return requests;
  }

  private static String roleArn(String path, String roleName) {
    return LocalAccount.globalArn("iam", "role" + path + roleName);
  }

  /** A role IAM does not know is authorized by its name alone: it has no path yet. */
  private static String arn(RoleFacts known, String roleName) {
    return roleArn(known == null ? "/" : known.path(), roleName);
  }

  private static Map<String, List<String>> requestTags(QueryParameters in) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (QueryParameters tag : in.members("Tags.member")) {
      String key = tag.get("Key").orElse("");
      keys.add(key);
      context.put("aws:RequestTag/" + key, List.of(tag.get("Value").orElse("")));
    }
    if (!keys.isEmpty()) {
      context.put("aws:TagKeys", keys);
    }
    return context;
  }

  private static Map<String, List<String>> resourceTags(RoleFacts known) {
    Map<String, List<String>> context = new LinkedHashMap<>();
    if (known != null) {
      known.tags().forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
    }
    return context;
  }

  private static Map<String, List<String>> boundaryAndTags(RoleFacts known) {
    Map<String, List<String>> context = resourceTags(known);
    if (known != null && known.boundaryArn() != null) {
      context.put("iam:PermissionsBoundary", List.of(known.boundaryArn()));
    }
    return context;
  }

  private void remember(RecordedCall call) {
    if (call.service().equals("sagemaker")) {
      rememberTags(call);
    }
    if (call.service().equals("sagemaker") && call.operation().equals("CreateSpace")) {
      SpaceFacts facts = requestedSpace(call.parameters());
      replayedSpaces.put(
          call.parameters().path("DomainId").asText()
              + "/"
              + call.parameters().path("SpaceName").asText(),
          facts == null ? new SpaceFacts(null, null) : facts);
      return;
    }
    if (!call.service().equals("iam")) {
      return;
    }
    QueryParameters in = QueryParameters.of(call.parameters());
    String roleName = in.get("RoleName").orElse(null);
    RoleFacts known = roleName == null ? null : replayed.get(roleName);
    switch (call.operation()) {
      case "CreateRole" -> {
        Map<String, String> tags = new LinkedHashMap<>();
        in.members("Tags.member")
            .forEach(t -> tags.put(t.get("Key").orElse(""), t.get("Value").orElse("")));
        replayed.put(
            roleName,
            new RoleFacts(
                in.get("Path").orElse("/"), tags, in.get("PermissionsBoundary").orElse(null)));
      }
      case "TagRole" -> {
        if (known != null) {
          Map<String, String> tags = new LinkedHashMap<>(known.tags());
          in.members("Tags.member")
              .forEach(t -> tags.put(t.get("Key").orElse(""), t.get("Value").orElse("")));
          replayed.put(roleName, new RoleFacts(known.path(), tags, known.boundaryArn()));
        }
      }
      case "PutRolePermissionsBoundary" -> {
        if (known != null) {
          replayed.put(
              roleName,
              new RoleFacts(
                  known.path(), known.tags(), in.get("PermissionsBoundary").orElse(null)));
        }
      }
      case "DeleteRole" -> replayed.remove(roleName);
      default -> {
        // Other calls change nothing that authorization looks at.
      }
    }
  }
}
