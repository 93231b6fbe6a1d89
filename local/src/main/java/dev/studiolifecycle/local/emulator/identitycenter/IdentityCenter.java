package dev.studiolifecycle.local.emulator.identitycenter;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.SeedException;
import dev.studiolifecycle.local.emulator.sagemaker.SingleSignOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The account's one IAM Identity Center instance: its identity store's users, groups and
 * memberships, and the applications with their assignments. Shared by {@link IdentityStoreService}
 * and {@link SsoAdminService}; SageMaker registers its domains' applications and checks user names
 * through {@link SingleSignOn}. Every check of a seed is made here.
 */
public final class IdentityCenter implements SingleSignOn {

  /** Identity Store API reference, User.UserName: 1 to 128 characters, none of {@code <>;:%}. */
  static final Pattern USER_NAME = Pattern.compile("[^<>;:%]{1,128}");

  /** A principal id, user or group (both API references): an optional store prefix and a UUID. */
  static final Pattern PRINCIPAL_ID =
      Pattern.compile(
          "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-"
              + "[A-Fa-f0-9]{12}");

  /** A user of the identity store. */
  public record User(String userId, String userName, String displayName, String email) {}

  /** A group of the identity store. */
  public record Group(String groupId, String displayName) {}

  /** A group membership: {@code userId} is a member of {@code groupId}. */
  record Membership(String membershipId, String groupId, String userId) {}

  /** A principal assigned to an application: {@code USER} or {@code GROUP}, and its id. */
  public record Assignment(String principalType, String principalId) {}

  private final IdSource ids;
  private final String instanceArn;
  private final String identityStoreId;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final List<Membership> memberships = new ArrayList<>();
  private final Map<String, Set<Assignment>> assignmentsByApplication = new LinkedHashMap<>();
  private final Map<String, String> applicationByDomain = new LinkedHashMap<>();

  public IdentityCenter(IdSource ids) {
    this.ids = ids;
    this.instanceArn = "arn:" + LocalAccount.PARTITION + ":sso:::instance/ssoins-" + ids.hex(16);
    this.identityStoreId = "d-" + ids.hex(10);
  }

  public String instanceArn() {
    return instanceArn;
  }

  public String identityStoreId() {
    return identityStoreId;
  }

  @Override
  public synchronized boolean hasUserNamed(String userName) {
    return userNamed(userName).isPresent();
  }

  @Override
  public synchronized String registerStudioApplication(String domainId) {
    String arn =
        LocalAccount.globalArn(
            "sso",
            "application/"
                + instanceArn.substring(instanceArn.indexOf("ssoins-"))
                + "/apl-"
                + ids.hex(16));
    applicationByDomain.put(domainId, arn);
    assignmentsByApplication.put(arn, new LinkedHashSet<>());
    return arn;
  }

  /** Adds a user; user names are unique, compared exactly (see the README's table). */
  public String seedUser(String userName, String displayName, String email) {
    return seedUser(userName, displayName, email, null);
  }

  /**
   * Adds a user with the id a scenario gives (so that its profiles can carry it in their tags), or
   * a generated one when {@code userId} is null.
   */
  public synchronized String seedUser(
      String userName, String displayName, String email, String userId) {
    SeedException.required(userName, "userName");
    SeedException.require(
        userId == null || (PRINCIPAL_ID.matcher(userId).matches() && !users.containsKey(userId)),
        "userId",
        "'" + userId + "' must be a UUID (optionally after 10 hex digits and -), used once");
    SeedException.require(
        USER_NAME.matcher(userName).matches(),
        "userName",
        "'" + userName + "' must be 1 to 128 characters, none of <>;:%");
    SeedException.require(
        userNamed(userName).isEmpty(), "userName", "user " + userName + " is seeded twice");
    User user = new User(userId != null ? userId : ids.uuid(), userName, displayName, email);
    users.put(user.userId(), user);
    return user.userId();
  }

  /** Adds a group; display names are unique. */
  public synchronized String seedGroup(String displayName) {
    SeedException.required(displayName, "displayName");
    SeedException.require(
        groupNamed(displayName).isEmpty(),
        "displayName",
        "group " + displayName + " is seeded twice");
    Group group = new Group(ids.uuid(), displayName);
    groups.put(group.groupId(), group);
    return group.groupId();
  }

  /** Makes the user a member of the group, both by name. */
  public synchronized void seedMembership(String groupName, String userName) {
    Group group =
        groupNamed(groupName)
            .orElseThrow(
                () -> SeedException.naming("groups", "group " + groupName + " is not seeded"));
    User user =
        userNamed(userName)
            .orElseThrow(
                () -> SeedException.naming("userName", "user " + userName + " is not seeded"));
    memberships.add(new Membership(ids.uuid(), group.groupId(), user.userId()));
  }

  /**
   * Assigns a user or a group (by name) to the application of an SSO domain, as an administrator
   * would have before the simulation starts.
   */
  public synchronized void seedAssignment(String domainId, String userName, String groupName) {
    SeedException.require(
        (userName == null) != (groupName == null), "an assignment names a user or a group");
    String application = applicationByDomain.get(domainId);
    SeedException.require(
        application != null, "domainId", "no SSO domain " + domainId + " is seeded before it");
    String principalId =
        userName != null
            ? userNamed(userName)
                .orElseThrow(
                    () -> SeedException.naming("user", "user " + userName + " is not seeded"))
                .userId()
            : groupNamed(groupName)
                .orElseThrow(
                    () -> SeedException.naming("group", "group " + groupName + " is not seeded"))
                .groupId();
    assignmentsByApplication
        .get(application)
        .add(new Assignment(userName != null ? "USER" : "GROUP", principalId));
  }

  /** The user of this user name, if any. */
  public synchronized Optional<User> userNamed(String userName) {
    return users.values().stream().filter(u -> u.userName().equals(userName)).findFirst();
  }

  /** The application SageMaker registered for the domain, if it uses Identity Center. */
  public synchronized Optional<String> applicationOf(String domainId) {
    return Optional.ofNullable(applicationByDomain.get(domainId));
  }

  /** The principals assigned to the application, in the order they were assigned. */
  public synchronized List<Assignment> assignments(String applicationArn) {
    return List.copyOf(assignmentsByApplication.getOrDefault(applicationArn, Set.of()));
  }

  synchronized List<User> users() {
    return List.copyOf(users.values());
  }

  synchronized Optional<User> user(String userId) {
    return Optional.ofNullable(users.get(userId));
  }

  synchronized boolean hasGroup(String groupId) {
    return groups.containsKey(groupId);
  }

  synchronized List<Membership> membershipsOf(String userId) {
    return memberships.stream().filter(m -> m.userId().equals(userId)).toList();
  }

  synchronized boolean hasApplication(String applicationArn) {
    return assignmentsByApplication.containsKey(applicationArn);
  }

  /** Adds the assignment; false when it was there already. */
  synchronized boolean assign(String applicationArn, Assignment assignment) {
    return assignmentsByApplication.get(applicationArn).add(assignment);
  }

  /** Removes the assignment; false when there was none. */
  synchronized boolean unassign(String applicationArn, Assignment assignment) {
    return assignmentsByApplication.get(applicationArn).remove(assignment);
  }

  private Optional<Group> groupNamed(String displayName) {
    return groups.values().stream().filter(g -> g.displayName().equals(displayName)).findFirst();
  }
}
