package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.RoleResource;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No grant of template.yaml is broader than its statement says it is, read from the template alone
 * (LeastPrivilegeTest proves each grant is used): no wildcard action; {@code Resource: '*'} only
 * for actions that take no resource; every wildcard role resource under RolePath; and the
 * conditions that keep the role-making grants safe in place. Each broadening edit of the issue
 * fails it.
 */
class PolicyBreadthTest {

  /**
   * Actions whose Service Authorization Reference entry lists no resource type, so a policy can
   * grant them only on {@code *}: SageMaker's List calls of profiles, apps and spaces; IAM Identity
   * Center's ListInstances; CloudWatch Logs' log delivery that Step Functions uses (developer
   * guide, "Logging using CloudWatch Logs": these take {@code *}); X-Ray's trace and sampling
   * calls.
   */
  static final Set<String> TAKE_NO_RESOURCE =
      Stream.concat(
              Stream.of(
                  "sagemaker:ListUserProfiles",
                  "sagemaker:ListApps",
                  "sagemaker:ListSpaces",
                  "sso:ListInstances",
                  "xray:PutTraceSegments",
                  "xray:PutTelemetryRecords",
                  "xray:GetSamplingRules",
                  "xray:GetSamplingTargets"),
              TemplatePolicyAuthorizer.LOG_DELIVERY_ACTIONS.stream())
          .collect(Collectors.toUnmodifiableSet());

  /**
   * The condition keys a grant of these actions must test, each entry one of a list (IAM User
   * Guide, "Permissions boundaries for IAM entities": a role-making principal is kept from
   * escalating by requiring the boundary; iam:PassedToService keeps a passed role to the service it
   * is for).
   */
  static final Map<String, List<List<String>>> REQUIRED_CONDITIONS =
      Map.of(
          "iam:CreateRole", List.of(List.of("iam:PermissionsBoundary")),
          "iam:AttachRolePolicy",
              List.of(List.of("iam:PermissionsBoundary"), List.of("iam:PolicyARN")),
          // RevokeAccess puts its deny on a role the workflow made, found by its managed-by tag,
          // whether or not the role still has its boundary: cutting access must not depend on it.
          "iam:PutRolePolicy",
              List.of(List.of("iam:PermissionsBoundary", "aws:ResourceTag/managed-by")),
          "iam:PutRolePermissionsBoundary", List.of(List.of("iam:PermissionsBoundary")),
          "iam:PassRole", List.of(List.of("iam:PassedToService")));

  /** The problems of every function's and state machine's policy in {@code template}. */
  static List<String> problems(SamTemplate template) {
    List<String> callers = new ArrayList<>(template.functions().keySet());
    template.stateMachines().stream().map(StateMachineResource::logicalId).forEach(callers::add);
    // RolePath's default, which the template as loaded here keeps.
    String rolePath = "arn:aws:iam::123456789012:role/studio-lifecycle/";
    List<String> problems = new ArrayList<>();
    Map<String, List<PolicyStatement>> allows = new java.util.LinkedHashMap<>();
    for (String caller : callers) {
      allows.put(caller, template.policies(caller).allows());
    }
    // The template's own roles (EventBridge Scheduler's) are held to the same rules.
    for (RoleResource role : template.roles()) {
      allows.put(
          role.logicalId(),
          role.statements().stream()
              .filter(statement -> statement.effect() == PolicyStatement.Effect.ALLOW)
              .toList());
    }
    for (String caller : allows.keySet()) {
      for (PolicyStatement statement : allows.get(caller)) {
        String where = caller + " " + statement.name();
        for (String action : statement.actions()) {
          if (action.contains("*") || action.contains("?")) {
            problems.add(where + ": wildcard action " + action);
          }
          if (statement.resources().contains("*") && !TAKE_NO_RESOURCE.contains(action)) {
            problems.add(where + ": " + action + " on '*', though it takes a resource");
          }
          for (List<String> anyOf : REQUIRED_CONDITIONS.getOrDefault(action, List.of())) {
            if (anyOf.stream().noneMatch(key -> tests(statement.condition(), key))) {
              problems.add(
                  where + ": " + action + " without a condition on " + String.join(" or ", anyOf));
            }
          }
        }
        for (String resource : statement.resources()) {
          if (resource.startsWith("arn:aws:iam::123456789012:role/")
              && resource.contains("*")
              && !resource.startsWith(rolePath)) {
            problems.add(where + ": " + resource + " reaches roles outside RolePath");
          }
        }
      }
    }
    return problems;
  }

  private static boolean tests(JsonNode condition, String key) {
    for (JsonNode operator : condition) {
      if (operator.has(key)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void noGrantOfTheTemplateIsBroaderThanItSays() {
    assertThat(problems(ProjectFiles.template())).isEmpty();
  }

  /** The broadening edits, each as one text change to template.yaml. */
  static List<String[]> edits() {
    return List.of(
        new String[] {"iam:* for a role action", "Action: iam:CreateRole\n", "Action: 'iam:*'\n"},
        new String[] {
          "sagemaker:* for a profile action",
          "Action: [sagemaker:DescribeUserProfile, sagemaker:ListTags]",
          "Action: ['sagemaker:*']"
        },
        new String[] {
          "Resource: '*' for a role action",
          "Action: iam:CreateRole\n              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*",
          "Action: iam:CreateRole\n              Resource: '*'"
        },
        new String[] {
          "roles outside RolePath",
          "Action: iam:AttachRolePolicy\n              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*",
          "Action: iam:AttachRolePolicy\n              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*"
        },
        new String[] {
          "CreateRole without the boundary condition",
          "            - Sid: CreateRolesOnlyUnderThePathWithTheBoundaryAndOurTag\n",
          "            - Sid: CreateRolesOnlyUnderThePathWithTheBoundaryAndOurTagBroadened\n"
              + "              Effect: Allow\n"
              + "              Action: iam:CreateRole\n"
              + "              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*\n"
              + "            - Sid: CreateRolesOnlyUnderThePathWithTheBoundaryAndOurTag\n"
        },
        new String[] {
          "AttachRolePolicy without its conditions",
          "            - Sid: AttachOnlyAllowListedPoliciesToBoundedRoles\n",
          "            - Sid: AttachAnyPolicy\n"
              + "              Effect: Allow\n"
              + "              Action: iam:AttachRolePolicy\n"
              + "              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*\n"
              + "            - Sid: AttachOnlyAllowListedPoliciesToBoundedRoles\n"
        },
        new String[] {
          "PassRole without iam:PassedToService",
          "            - Sid: PassManagedRolesToSageMakerOnly\n",
          "            - Sid: PassManagedRolesToAnyService\n"
              + "              Effect: Allow\n"
              + "              Action: iam:PassRole\n"
              + "              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*\n"
              + "            - Sid: PassManagedRolesToSageMakerOnly\n"
        },
        new String[] {
          "the scheduler's role on every state machine",
          "                Action: states:StartExecution\n"
              + "                Resource: !Ref ReconcileStateMachine\n",
          "                Action: states:StartExecution\n                Resource: '*'\n"
        },
        new String[] {
          "PutRolePermissionsBoundary without the boundary condition",
          "            - Sid: ConvergeAnAdoptedRoleBoundary\n",
          "            - Sid: SetAnyBoundary\n"
              + "              Effect: Allow\n"
              + "              Action: iam:PutRolePermissionsBoundary\n"
              + "              Resource: !Sub"
              + " arn:${AWS::Partition}:iam::${AWS::AccountId}:role${RolePath}*\n"
              + "            - Sid: ConvergeAnAdoptedRoleBoundary\n"
        });
  }

  @TempDir Path deployment;

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void eachBroadeningEditIsCaught(String name, String before, String after) throws IOException {
    Path root = ProjectFiles.root();
    String template = Files.readString(root.resolve("template.yaml"));
    assertThat(template).as("the edit's anchor: " + before).contains(before);
    Files.writeString(
        deployment.resolve("template.yaml"),
        template.replaceFirst(
            java.util.regex.Pattern.quote(before),
            java.util.regex.Matcher.quoteReplacement(after)));
    Files.createDirectories(deployment.resolve("statemachine"));
    for (String definition :
        List.of("studio-user-lifecycle.asl.json", "studio-reconcile.asl.json")) {
      Files.copy(
          root.resolve("statemachine").resolve(definition),
          deployment.resolve("statemachine").resolve(definition));
    }

    List<String> problems =
        problems(
            SamTemplate.load(
                deployment.resolve("template.yaml"), Map.of("DomainId", "d-studiolocal01")));

    assertThat(problems).as(name).isNotEmpty();
  }
}
