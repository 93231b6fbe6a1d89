package dev.studiolifecycle.local.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyNotAttachableException;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

class IamServiceTest {

  private static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String S3_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
  private static final String FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
  private static final String FORECAST_ACCESS =
      "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final IamClient iam = aws.clients().iam;

  @Test
  void createdRoleCarriesPathBoundaryTagsAndAUrlEncodedTrustPolicy() {
    String boundary =
        emulator
            .iam()
            .seedManagedPolicy(new ManagedPolicySeed("studio-lifecycle-boundary", "/", S3_POLICY));

    Role created =
        iam.createRole(
                r ->
                    r.roleName("jane-doe")
                        .path("/studio-lifecycle/")
                        .assumeRolePolicyDocument(TRUST)
                        .description("Execution role of jane-doe")
                        .maxSessionDuration(7200)
                        .permissionsBoundary(boundary)
                        .tags(Tag.builder().key("managed-by").value("studio-lifecycle").build()))
            .role();

    Role role = iam.getRole(r -> r.roleName("jane-doe")).role();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/jane-doe");
    assertThat(role.arn()).isEqualTo(created.arn());
    assertThat(role.roleId()).matches("AROA[A-Z0-9]{17}");
    assertThat(role.path()).isEqualTo("/studio-lifecycle/");
    assertThat(role.description()).isEqualTo("Execution role of jane-doe");
    assertThat(role.maxSessionDuration()).isEqualTo(7200);
    assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
    assertThat(role.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
    assertThat(role.tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("managed-by", "studio-lifecycle"));
    assertThat(role.assumeRolePolicyDocument()).startsWith("%7B%22Version%22");
    assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
        .isEqualTo(TRUST);
    assertThat(role.createDate()).isEqualTo(emulator.clock().instant());
  }

  @Test
  void roleNamesAreUniqueRegardlessOfCase() {
    iam.createRole(r -> r.roleName("Jane").assumeRolePolicyDocument(TRUST));

    assertThatThrownBy(
            () -> iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST)))
        .isInstanceOf(EntityAlreadyExistsException.class)
        .hasMessageContaining("Role with name jane already exists.")
        .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(409));
  }

  @Test
  void missingRoleIsNoSuchEntityWith404() {
    assertThatThrownBy(() -> iam.getRole(r -> r.roleName("ghost")))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("The role with name ghost cannot be found.")
        .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("ghost")))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void deleteRoleConflictsWhileManagedOrInlinePoliciesRemain() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    iam.attachRolePolicy(r -> r.roleName("jane").policyArn(FULL_ACCESS));
    iam.putRolePolicy(r -> r.roleName("jane").policyName("s3").policyDocument(S3_POLICY));

    assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("jane")))
        .isInstanceOf(DeleteConflictException.class)
        .hasMessageContaining("Cannot delete entity, must detach all policies first.");
    iam.detachRolePolicy(r -> r.roleName("jane").policyArn(FULL_ACCESS));
    assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("jane")))
        .isInstanceOf(DeleteConflictException.class)
        .hasMessageContaining("Cannot delete entity, must delete policies first.");
    iam.deleteRolePolicy(r -> r.roleName("jane").policyName("s3"));

    iam.deleteRole(r -> r.roleName("jane"));
    assertThat(emulator.iam().roleExists("jane")).isFalse();
  }

  @Test
  void onlyAwsManagedPoliciesOfTheCatalogueExistAndCustomerPoliciesMustBeInTheAccount() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    iam.attachRolePolicy(
        r ->
            r.roleName("jane")
                .policyArn("arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess"));
    iam.attachRolePolicy(r -> r.roleName("jane").policyArn(FORECAST_ACCESS));

    // The Managed Policy Reference gives AmazonSageMakerCanvasForecastAccess under /service-role/
    // and AmazonSageMakerCanvasAIServicesAccess under /: any other path, case or name is no policy.
    for (String wrong :
        List.of(
            "arn:aws:iam::aws:policy/AmazonSageMakerCanvasForecastAccess",
            "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasAIServicesAccess",
            "arn:aws:iam::aws:policy/amazonsagemakerfullaccess",
            "arn:aws:iam::aws:policy/AmazonSageMakerMadeUpAccess",
            "arn:aws:iam::123456789012:policy/not-seeded")) {
      assertThatThrownBy(() -> iam.attachRolePolicy(r -> r.roleName("jane").policyArn(wrong)))
          .as(wrong)
          .isInstanceOf(NoSuchEntityException.class)
          .hasMessageContaining("Policy " + wrong + " does not exist or is not attachable");
      assertThatThrownBy(
              () ->
                  iam.putRolePermissionsBoundary(
                      r -> r.roleName("jane").permissionsBoundary(wrong)))
          .as(wrong)
          .isInstanceOf(NoSuchEntityException.class)
          .hasMessageContaining("Scope ARN: " + wrong);
    }
    assertThatThrownBy(
            () ->
                iam.attachRolePolicy(
                    r -> r.roleName("jane").policyArn("arn:aws:s3:::not-a-policy")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> iam.detachRolePolicy(r -> r.roleName("jane").policyArn(FULL_ACCESS)))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("Policy " + FULL_ACCESS + " was not found.");
    assertThat(emulator.iam().attachedPolicies("jane").orElseThrow())
        .containsExactly(
            "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess", FORECAST_ACCESS);
  }

  @Test
  void aServiceLinkedRolePolicyIsNotAttachableToACustomerRole() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    String serviceLinked =
        "arn:aws:iam::aws:policy/aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy";

    assertThatThrownBy(() -> iam.attachRolePolicy(r -> r.roleName("jane").policyArn(serviceLinked)))
        .isInstanceOf(PolicyNotAttachableException.class)
        .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(400));
    assertThat(emulator.iam().attachedPolicies("jane").orElseThrow()).isEmpty();
  }

  @Test
  void attachingMoreThanTenManagedPoliciesExceedsTheQuota() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    List<String> attachable = attachablePolicies(11);
    for (String arn : attachable.subList(0, 10)) {
      iam.attachRolePolicy(r -> r.roleName("jane").policyArn(arn));
    }

    assertThatThrownBy(
            () -> iam.attachRolePolicy(r -> r.roleName("jane").policyArn(attachable.get(10))))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("PoliciesPerRole: 10");
  }

  @Test
  void listRolesPagesByPathPrefixWithoutBoundaryOrTags() {
    String boundary =
        emulator.iam().seedManagedPolicy(new ManagedPolicySeed("boundary", "/", S3_POLICY));
    for (String name : List.of("ann", "bob", "cy")) {
      iam.createRole(
          r ->
              r.roleName(name)
                  .path("/studio-lifecycle/")
                  .assumeRolePolicyDocument(TRUST)
                  .permissionsBoundary(boundary)
                  .tags(Tag.builder().key("owner").value(name).build()));
    }
    iam.createRole(r -> r.roleName("ops").assumeRolePolicyDocument(TRUST));

    ListRolesResponse first = iam.listRoles(r -> r.pathPrefix("/studio-lifecycle/").maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.roles()).extracting(Role::roleName).containsExactly("ann", "bob");
    assertThat(first.roles().get(0).permissionsBoundary()).isNull();
    assertThat(first.roles().get(0).tags()).isEmpty();
    assertThat(first.roles().get(0).arn())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/ann");
    assertThat(iam.listRolesPaginator(r -> r.maxItems(1)).roles())
        .extracting(Role::roleName)
        .containsExactly("ann", "bob", "cy", "ops");
    assertThatThrownBy(() -> iam.listRoles(r -> r.pathPrefix("no-slash")))
        .isInstanceOf(IamException.class)
        .hasMessageContaining("pathPrefix");
  }

  @Test
  void createdPoliciesAreAttachableAndCountedAndNamesAreUniqueRegardlessOfCase() {
    Policy created =
        iam.createPolicy(
                r ->
                    r.policyName("studio-s3")
                        .path("/studio-lifecycle/")
                        .policyDocument(S3_POLICY)
                        .description("S3 for Studio users"))
            .policy();
    assertThat(created.arn())
        .isEqualTo("arn:aws:iam::123456789012:policy/studio-lifecycle/studio-s3");
    assertThat(created.policyId()).matches("ANPA[A-Z0-9]{17}");
    assertThat(created.defaultVersionId()).isEqualTo("v1");
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    iam.attachRolePolicy(r -> r.roleName("jane").policyArn(created.arn()));

    Policy read = iam.getPolicy(r -> r.policyArn(created.arn())).policy();
    assertThat(read.attachmentCount()).isEqualTo(1);
    assertThat(read.description()).isEqualTo("S3 for Studio users");
    assertThatThrownBy(
            () -> iam.createPolicy(r -> r.policyName("STUDIO-S3").policyDocument(S3_POLICY)))
        .isInstanceOf(EntityAlreadyExistsException.class)
        .hasMessageContaining("A policy called STUDIO-S3 already exists");
    assertThatThrownBy(
            () -> iam.createPolicy(r -> r.policyName("with-principal").policyDocument(TRUST)))
        .isInstanceOf(MalformedPolicyDocumentException.class);
    String large =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":[\""
            + "arn:aws:s3:::bucket/x".repeat(300)
            + "\"]}]}";
    assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("big").policyDocument(large)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("PolicySize: 6144");
  }

  @Test
  void getPolicyAnswersForCataloguePoliciesAndNoSuchEntityForOthers() {
    Policy forecast = iam.getPolicy(r -> r.policyArn(FORECAST_ACCESS)).policy();
    assertThat(forecast.policyName()).isEqualTo("AmazonSageMakerCanvasForecastAccess");
    assertThat(forecast.path()).isEqualTo("/service-role/");
    assertThat(forecast.defaultVersionId()).isEqualTo("v1");
    assertThat(forecast.policyId())
        .matches("ANPA[A-Z0-9]{17}")
        .isEqualTo(iam.getPolicy(r -> r.policyArn(FORECAST_ACCESS)).policy().policyId());

    String wrongPath = "arn:aws:iam::aws:policy/AmazonSageMakerCanvasForecastAccess";
    assertThatThrownBy(() -> iam.getPolicy(r -> r.policyArn(wrongPath)))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("Policy " + wrongPath + " does not exist or is not attachable.");
    assertThatThrownBy(() -> iam.getPolicy(r -> r.policyArn("arn:aws:sagemaker:::not-a-policy")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void listPoliciesFiltersByScopeAttachmentUsageAndPathAndPages() {
    String boundary =
        emulator.iam().seedManagedPolicy(new ManagedPolicySeed("boundary", "/", S3_POLICY));
    iam.createRole(
        r -> r.roleName("jane").assumeRolePolicyDocument(TRUST).permissionsBoundary(boundary));
    iam.attachRolePolicy(r -> r.roleName("jane").policyArn(FULL_ACCESS));

    assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies())
        .extracting(Policy::arn)
        .containsExactly(boundary);
    assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies())
        .extracting(Policy::arn)
        .containsExactly(FULL_ACCESS);
    assertThat(
            iam.listPolicies(r -> r.policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY))
                .policies())
        .extracting(Policy::arn)
        .containsExactly(boundary);
    assertThat(
            iam.listPolicies(r -> r.scope(PolicyScopeType.AWS).pathPrefix("/service-role/"))
                .policies())
        .extracting(Policy::arn)
        .contains(FORECAST_ACCESS)
        .allMatch(arn -> arn.startsWith("arn:aws:iam::aws:policy/service-role/"));
    List<String> all =
        iam.listPoliciesPaginator(r -> r.maxItems(7)).policies().stream().map(Policy::arn).toList();
    assertThat(all)
        .hasSize(AwsManagedPolicies.catalogue().all().size() + 1)
        .doesNotHaveDuplicates()
        .contains(FULL_ACCESS, boundary);
  }

  @Test
  void listAttachedRolePoliciesPaginatesWithMarkers() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    List<String> attached = attachablePolicies(7);
    for (String arn : attached) {
      iam.attachRolePolicy(r -> r.roleName("jane").policyArn(arn));
    }

    ListAttachedRolePoliciesResponse first =
        iam.listAttachedRolePolicies(r -> r.roleName("jane").maxItems(3));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.marker()).isNotBlank();
    assertThat(first.attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactlyElementsOf(attached.subList(0, 3));
    List<String> all =
        iam
            .listAttachedRolePoliciesPaginator(r -> r.roleName("jane").maxItems(2))
            .attachedPolicies()
            .stream()
            .map(AttachedPolicy::policyArn)
            .toList();
    assertThat(all).hasSize(7).doesNotHaveDuplicates();
    ListAttachedRolePoliciesResponse whole = iam.listAttachedRolePolicies(r -> r.roleName("jane"));
    assertThat(whole.isTruncated()).isFalse();
    assertThat(whole.marker()).isNull();
  }

  @Test
  void inlinePoliciesRoundTripUrlEncodedAndAreListed() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(r -> r.roleName("jane").policyName("s3").policyDocument(S3_POLICY));
    iam.putRolePolicy(r -> r.roleName("jane").policyName("more").policyDocument(S3_POLICY));

    String document = iam.getRolePolicy(r -> r.roleName("jane").policyName("s3")).policyDocument();
    assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).isEqualTo(S3_POLICY);
    assertThat(iam.listRolePolicies(r -> r.roleName("jane")).policyNames())
        .containsExactly("s3", "more");
    assertThat(
            iam
                .listRolePoliciesPaginator(r -> r.roleName("jane").maxItems(1))
                .policyNames()
                .stream()
                .toList())
        .containsExactly("s3", "more");
    assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("jane").policyName("none")))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("The role policy with name none cannot be found.");
  }

  /** IAM User Guide, "IAM and AWS STS quotas": 10,240 characters, white space not counted. */
  @Test
  void aRolesInlinePoliciesTogetherMayHave10240CharactersWithoutWhiteSpace() {
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    String first = policyOf("\"arn:aws:s3:::bucket/" + "k".repeat(100) + "\"", 50, ",\n    ");
    int used = first.replaceAll("\\s", "").length();
    int empty = policyOf("\"arn:aws:s3:::\"", 1, ",").length();
    String second = policyOf("\"arn:aws:s3:::" + "f".repeat(10_240 - used - empty) + "\"", 1, ",");
    assertThat(used + second.length()).isEqualTo(10_240);
    assertThat(first.length() + second.length())
        .as("what it would be with the white space")
        .isGreaterThan(10_240);

    iam.putRolePolicy(r -> r.roleName("jane").policyName("first").policyDocument(first));
    iam.putRolePolicy(r -> r.roleName("jane").policyName("second").policyDocument(second));

    assertThatThrownBy(
            () ->
                iam.putRolePolicy(
                    r -> r.roleName("jane").policyName("third").policyDocument(S3_POLICY)))
        .isInstanceOf(software.amazon.awssdk.services.iam.model.LimitExceededException.class)
        .hasMessageContaining("Maximum policy size of 10240 bytes exceeded for role jane");
  }

  /**
   * What a deployment seeds (a template's AWS::IAM::ManagedPolicy, a scenario's roles) keeps IAM's
   * quotas as created ones do: 6,144 characters for a managed policy, 10,240 for a role's inline
   * policies together, white space not counted, and 2,048 for a trust policy; a refused seed adds
   * nothing.
   */
  @Test
  void seededPoliciesKeepIamsSizeQuotas() {
    int empty = policyOf("\"arn:aws:s3:::\"", 1, ",").length();
    String managedAtLimit = policyOf("\"arn:aws:s3:::" + "m".repeat(6_144 - empty) + "\"", 1, ",");
    assertThat(managedAtLimit).hasSize(6_144);
    emulator.iam().seedManagedPolicy(new ManagedPolicySeed("at-limit", "/", managedAtLimit));
    String managedOver = managedAtLimit.replace("mmm", "mmmm");
    assertThatThrownBy(
            () -> emulator.iam().seedManagedPolicy(new ManagedPolicySeed("over", "/", managedOver)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot exceed quota for PolicySize: 6144");
    assertThat(emulator.iam().managedPolicyDocument("arn:aws:iam::123456789012:policy/over"))
        .isEmpty();

    String inlineOver = policyOf("\"arn:aws:s3:::" + "i".repeat(10_241 - empty) + "\"", 1, ",");
    assertThatThrownBy(
            () ->
                emulator
                    .iam()
                    .seedRole(
                        new RoleSeed(
                            "too-much",
                            "/",
                            RoleSeed.SAGEMAKER_TRUST_POLICY,
                            null,
                            null,
                            Map.of(),
                            List.of(),
                            Map.of("all", inlineOver))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Maximum policy size of 10240 bytes exceeded");
    assertThat(emulator.iam().roleExists("too-much")).isFalse();

    String longTrust =
        RoleSeed.SAGEMAKER_TRUST_POLICY.replace(
            "\"Action\"", "\"Sid\":\"" + "t".repeat(2_048) + "\",\"Action\"");
    assertThatThrownBy(
            () ->
                emulator
                    .iam()
                    .seedRole(
                        RoleSeed.sageMakerExecutionRole("trusting").withTrustPolicy(longTrust)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot exceed quota for ACLSizePerRole: 2048");
  }

  private static String policyOf(String resource, int copies, String separator) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"s3:GetObject\",\"Resource\":["
        + String.join(separator, java.util.Collections.nCopies(copies, resource))
        + "]}]}";
  }

  @Test
  void malformedPoliciesAreRefusedTheWayIamRefusesThem() {
    assertThatThrownBy(
            () -> iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument("{not json")))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining("Syntax errors in policy.");
    assertThatThrownBy(
            () -> iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(S3_POLICY)))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining("Has prohibited field Resource");
    iam.createRole(r -> r.roleName("jane").assumeRolePolicyDocument(TRUST));
    assertThatThrownBy(
            () -> iam.putRolePolicy(r -> r.roleName("jane").policyName("p").policyDocument(TRUST)))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining("Policy document should not specify a principal.");
    assertThatThrownBy(
            () ->
                iam.putRolePolicy(
                    r ->
                        r.roleName("jane")
                            .policyName("p")
                            .policyDocument(
                                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                                    + "\"Action\":\"s3:*\"}}")))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessageContaining("Policy statement must contain resources.");
  }

  @Test
  void badParametersAreValidationErrorsNamingTheMember() {
    assertThatThrownBy(
            () -> iam.createRole(r -> r.roleName("jane doe").assumeRolePolicyDocument(TRUST)))
        .isInstanceOfSatisfying(
            IamException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "1 validation error detected: Value 'jane doe' at 'roleName' failed to"
                          + " satisfy constraint: Member must satisfy regular expression pattern:"
                          + " [\\w+=,.@-]+");
            });
    assertThatThrownBy(
            () ->
                iam.createRole(
                    r ->
                        r.roleName("jane")
                            .assumeRolePolicyDocument(TRUST)
                            .maxSessionDuration(60)
                            .path("no-slashes")))
        .isInstanceOfSatisfying(
            IamException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith("2 validation errors detected:")
                    .contains("at 'path'")
                    .contains("at 'maxSessionDuration'"));
  }

  @Test
  void tagsAreAddedListedAndCappedAtFifty() {
    iam.createRole(
        r ->
            r.roleName("jane")
                .assumeRolePolicyDocument(TRUST)
                .tags(Tag.builder().key("a").value("1").build()));
    iam.tagRole(
        r ->
            r.roleName("jane")
                .tags(
                    Tag.builder().key("b").value("2").build(),
                    Tag.builder().key("a").value("3").build()));

    assertThat(iam.listRoleTags(r -> r.roleName("jane")).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("a", "3"), tuple("b", "2"));
    Tag[] many = new Tag[49];
    for (int i = 0; i < many.length; i++) {
      many[i] = Tag.builder().key("k" + i).value("v").build();
    }
    assertThatThrownBy(() -> iam.tagRole(r -> r.roleName("jane").tags(many)))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(
            () ->
                iam.tagRole(
                    r ->
                        r.roleName("jane")
                            .tags(Tag.builder().key("aws:reserved").value("x").build())))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void seededRolesAreAssumableAtOnceEvenWithAPropagationDelay() {
    emulator.iam().setPropagationDelay(java.time.Duration.ofSeconds(10));
    String seeded =
        emulator
            .iam()
            .seedRole(
                RoleSeed.sageMakerExecutionRole("seeded")
                    .withPath("/studio-lifecycle/")
                    .withTags(Map.of("managed-by", "studio-lifecycle"))
                    .withAttachedPolicyArns(List.of(FULL_ACCESS)));
    String created =
        iam.createRole(r -> r.roleName("created").assumeRolePolicyDocument(TRUST)).role().arn();

    assertThat(emulator.iam().canAssume(seeded, "sagemaker.amazonaws.com")).isTrue();
    assertThat(emulator.iam().canAssume(created, "sagemaker.amazonaws.com")).isFalse();
    emulator.virtualClock().advance(java.time.Duration.ofSeconds(10));
    assertThat(emulator.iam().canAssume(created, "sagemaker.amazonaws.com")).isTrue();
    assertThat(emulator.iam().canAssume(created, "lambda.amazonaws.com")).isFalse();
    assertThat(
            emulator
                .iam()
                .canAssume(
                    "arn:aws:iam::123456789012:role/other-path/created", "sagemaker.amazonaws.com"))
        .isFalse();
    assertThat(emulator.iam().attachedPolicies("seeded")).contains(List.of(FULL_ACCESS));
  }

  @Test
  void trustPolicyAndPermissionsBoundaryOfAnExistingRoleCanBeReplaced() {
    String boundary =
        emulator
            .iam()
            .seedManagedPolicy(new ManagedPolicySeed("studio-lifecycle-boundary", "/", S3_POLICY));
    emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("jane-doe"));
    String withForecast =
        TRUST.replace(
            "\"sagemaker.amazonaws.com\"",
            "[\"sagemaker.amazonaws.com\",\"forecast.amazonaws.com\"]");

    iam.updateAssumeRolePolicy(r -> r.roleName("jane-doe").policyDocument(withForecast));
    iam.putRolePermissionsBoundary(r -> r.roleName("jane-doe").permissionsBoundary(boundary));

    Role role = iam.getRole(r -> r.roleName("jane-doe")).role();
    assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
        .isEqualTo(withForecast);
    assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
    assertThat(emulator.requestLog().iamActions())
        .contains("iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary");
    assertThat(emulator.requestLog().mutatingCalls()).hasSize(2);
  }

  @Test
  void replacingTrustOrBoundaryIsRefusedTheWayIamRefusesIt() {
    emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("jane-doe"));

    assertThatThrownBy(
            () -> iam.updateAssumeRolePolicy(r -> r.roleName("nobody").policyDocument(TRUST)))
        .isInstanceOf(NoSuchEntityException.class);
    assertThatThrownBy(
            () -> iam.updateAssumeRolePolicy(r -> r.roleName("jane-doe").policyDocument("{")))
        .isInstanceOf(MalformedPolicyDocumentException.class);
    assertThatThrownBy(
            () ->
                iam.putRolePermissionsBoundary(
                    r ->
                        r.roleName("jane-doe")
                            .permissionsBoundary("arn:aws:iam::123456789012:policy/missing")))
        .isInstanceOf(NoSuchEntityException.class)
        .hasMessageContaining("does not exist or is not attachable");
    assertThat(iam.getRole(r -> r.roleName("jane-doe")).role().permissionsBoundary()).isNull();
  }

  @Test
  void trustPoliciesLongerThanTheQuotaAreRefusedOnCreateAndOnUpdate() {
    // Valid JSON, padded beyond the 2,048 characters of the ACLSizePerRole quota.
    String tooLong = TRUST.replace("\"Statement\"", " ".repeat(2048) + "\"Statement\"");
    emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("jane-doe"));

    assertThatThrownBy(
            () -> iam.createRole(r -> r.roleName("john").assumeRolePolicyDocument(tooLong)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith("Cannot exceed quota for ACLSizePerRole: 2048");
    assertThatThrownBy(
            () -> iam.updateAssumeRolePolicy(r -> r.roleName("jane-doe").policyDocument(tooLong)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith("Cannot exceed quota for ACLSizePerRole: 2048");
  }

  @Test
  void changedTrustPolicyPropagatesLikeANewRole() {
    emulator.iam().setPropagationDelay(java.time.Duration.ofSeconds(10));
    String arn =
        emulator
            .iam()
            .seedRole(
                RoleSeed.sageMakerExecutionRole("jane-doe")
                    .withTrustPolicy(
                        TRUST.replace("sagemaker.amazonaws.com", "ec2.amazonaws.com")));

    iam.updateAssumeRolePolicy(r -> r.roleName("jane-doe").policyDocument(TRUST));

    // Until the change has propagated, SageMaker still sees the old policy.
    assertThat(emulator.iam().canAssume(arn, "sagemaker.amazonaws.com")).isFalse();
    assertThat(emulator.iam().canAssume(arn, "ec2.amazonaws.com")).isTrue();
    emulator.virtualClock().advance(java.time.Duration.ofSeconds(10));
    assertThat(emulator.iam().canAssume(arn, "sagemaker.amazonaws.com")).isTrue();
    assertThat(emulator.iam().canAssume(arn, "ec2.amazonaws.com")).isFalse();
  }

  @Test
  void seedingRefusesBadRolesWithAClearMessage() {
    assertThatThrownBy(() -> emulator.iam().seedRole(RoleSeed.sageMakerExecutionRole("bad name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roleName 'bad name'");
    assertThatThrownBy(
            () ->
                emulator
                    .iam()
                    .seedRole(
                        RoleSeed.sageMakerExecutionRole("x")
                            .withAttachedPolicyArns(
                                List.of("arn:aws:iam::123456789012:policy/missing"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attached policy of role x");
  }

  /** The first {@code count} AWS managed policies of the catalogue that a role can have. */
  private static List<String> attachablePolicies(int count) {
    return AwsManagedPolicies.catalogue().all().stream()
        .filter(policy -> !policy.forServiceLinkedRole())
        .map(AwsManagedPolicies.AwsManagedPolicy::arn)
        .limit(count)
        .toList();
  }
}
