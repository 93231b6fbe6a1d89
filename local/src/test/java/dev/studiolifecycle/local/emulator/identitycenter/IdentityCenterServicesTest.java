package dev.studiolifecycle.local.emulator.identitycenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.aws.AwsJsonClient;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.service.IdentityCenterDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The Identity Store and SSO admin over their wire protocols, through the functions' own signed
 * client (there is no SDK module for them here): what the workflow reads and changes.
 */
class IdentityCenterServicesTest {

  private static final String DOMAIN = "d-studiosso001";

  private AwsEmulator emulator;
  private LocalAwsEnvironment environment;
  private AwsJsonClient identityStore;
  private AwsJsonClient ssoAdmin;
  private IdentityCenter center;
  private String janeId;
  private String application;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().build().start();
    environment = LocalAwsEnvironment.pointAt(emulator);
    identityStore = AwsJsonClient.identityStore();
    ssoAdmin = AwsJsonClient.ssoAdmin();
    center = emulator.identityCenter();
    center.seedGroup("data-science");
    center.seedGroup("analysts");
    center.seedGroup("everyone");
    janeId = center.seedUser("jane.doe", "Jane Doe", "jane.doe@example.com");
    center.seedUser("john.roe", "John Roe", null);
    center.seedMembership("data-science", "jane.doe");
    center.seedMembership("analysts", "jane.doe");
    center.seedMembership("everyone", "jane.doe");
    emulator.sageMaker().seedDomain(DomainSeed.sso(DOMAIN, "studio-sso"));
    application = center.applicationOf(DOMAIN).orElseThrow();
  }

  @AfterEach
  void stop() {
    identityStore.close();
    ssoAdmin.close();
    environment.close();
    emulator.close();
  }

  private IdentityCenterDirectory directory(String storeId, int pageSize) {
    return new IdentityCenterDirectory(identityStore, ssoAdmin, storeId, pageSize);
  }

  @Test
  void findsAUserByUserNameExactlyAndNoOneElse() {
    IdentityCenterDirectory directory = directory(center.identityStoreId(), 100);

    assertThat(directory.userId("jane.doe")).contains(janeId);
    assertThat(directory.userId("Jane.Doe")).as("compared exactly").isEmpty();
    assertThat(directory.userId("jane.roe")).isEmpty();
  }

  @Test
  void withoutAConfiguredStoreTheInstanceOfTheAccountIsAsked() {
    IdentityCenterDirectory directory = directory("", 100);

    assertThat(directory.identityStoreId()).isEqualTo(center.identityStoreId());
    assertThat(directory.userId("jane.doe")).contains(janeId);
    directory.userId("john.roe");
    assertThat(emulator.requestLog().calls("sso", "ListInstances")).as("asked once").hasSize(1);
  }

  @Test
  void aUserIdThatIsNoIdIsInvalidNotNotFound() {
    // DescribeUser's UserId matches the Identity Store API model's pattern, and Extensions, when
    // given, names 1 to 10 extensions: a lookup with either broken is invalid, whoever the user.
    ObjectNode body =
        AwsJsonClient.body()
            .put("IdentityStoreId", center.identityStoreId())
            .put("UserId", "jane.doe");
    body.putArray("Extensions");

    assertThatThrownBy(() -> identityStore.call("DescribeUser", body))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(AwsErrorCodes.code(e)).isEqualTo("ValidationException");
              assertThat(AwsErrorCodes.message(e))
                  .startsWith("2 validation errors detected: Value 'jane.doe' at 'userId'")
                  .contains(
                      "Value '[]' at 'extensions' failed to satisfy constraint: Member must have"
                          + " length greater than or equal to 1");
            });
  }

  @Test
  void anotherIdentityStoreIsNotFoundAndAnUnknownAttributePathIsInvalid() {
    assertThatThrownBy(() -> directory("d-0000000000", 100).userId("jane.doe"))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(AwsErrorCodes.code(e)).isEqualTo("ResourceNotFoundException");
              assertThat(e.statusCode()).isEqualTo(400);
            });
    ObjectNode body = AwsJsonClient.body().put("IdentityStoreId", center.identityStoreId());
    body.putObject("AlternateIdentifier")
        .putObject("UniqueAttribute")
        .put("AttributePath", "displayName")
        .put("AttributeValue", "Jane Doe");

    assertThatThrownBy(() -> identityStore.call("GetUserId", body))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(AwsErrorCodes.code(e)).isEqualTo("ValidationException");
              assertThat(AwsErrorCodes.message(e))
                  .contains("alternateIdentifier.uniqueAttribute.attributePath");
            });
  }

  @Test
  void describesAUserWithItsPrimaryEmail() {
    ObjectNode body =
        AwsJsonClient.body().put("IdentityStoreId", center.identityStoreId()).put("UserId", janeId);

    JsonNode user = identityStore.call("DescribeUser", body);

    assertThat(user.path("UserName").asText()).isEqualTo("jane.doe");
    assertThat(user.path("DisplayName").asText()).isEqualTo("Jane Doe");
    assertThat(user.path("Emails").get(0).path("Value").asText()).isEqualTo("jane.doe@example.com");
  }

  @Test
  void listsEveryGroupOfAUserAcrossPages() {
    assertThat(directory(center.identityStoreId(), 1).groupIds(janeId))
        .hasSize(3)
        .doesNotHaveDuplicates();
    assertThat(emulator.requestLog().calls("identitystore", "ListGroupMembershipsForMember"))
        .as("one call per page of one")
        .hasSize(3);
  }

  @Test
  void assignsDescribesListsAndRemovesAUserOfTheDomainsApplication() {
    ObjectNode assignment =
        AwsJsonClient.body()
            .put("ApplicationArn", application)
            .put("PrincipalId", janeId)
            .put("PrincipalType", "USER");

    ssoAdmin.call("CreateApplicationAssignment", assignment);

    assertThat(
            ssoAdmin.call("DescribeApplicationAssignment", assignment).path("PrincipalId").asText())
        .isEqualTo(janeId);
    JsonNode listed =
        ssoAdmin.call(
            "ListApplicationAssignments", AwsJsonClient.body().put("ApplicationArn", application));
    assertThat(listed.path("ApplicationAssignments")).hasSize(1);
    assertThat(code(() -> ssoAdmin.call("CreateApplicationAssignment", assignment)))
        .isEqualTo("ConflictException");

    ssoAdmin.call("DeleteApplicationAssignment", assignment);

    assertThat(center.assignments(application)).isEmpty();
    assertThat(code(() -> ssoAdmin.call("DeleteApplicationAssignment", assignment)))
        .isEqualTo("ResourceNotFoundException");
    assertThat(code(() -> ssoAdmin.call("DescribeApplicationAssignment", assignment)))
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void refusesAPrincipalOutsideTheDirectoryAndAMalformedArn() {
    ObjectNode stranger =
        AwsJsonClient.body()
            .put("ApplicationArn", application)
            .put("PrincipalId", "00000000-0000-4000-8000-000000000000")
            .put("PrincipalType", "USER");
    assertThat(code(() -> ssoAdmin.call("CreateApplicationAssignment", stranger)))
        .isEqualTo("ResourceNotFoundException");

    ObjectNode malformed = stranger.deepCopy().put("ApplicationArn", "arn:aws:sso::1:app/x");
    assertThat(code(() -> ssoAdmin.call("CreateApplicationAssignment", malformed)))
        .isEqualTo("ValidationException");
    assertThat(center.assignments(application)).isEmpty();
  }

  @Test
  void throttlingIsAThrottlingExceptionToTheCaller() {
    emulator.faults().throttle("identitystore", "GetUserId", 1, 1);
    IdentityCenterDirectory directory = directory(center.identityStoreId(), 100);
    directory.userId("jane.doe");

    assertThatThrownBy(() -> directory.userId("jane.doe"))
        .isInstanceOfSatisfying(
            AwsServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return AwsErrorCodes.code(e);
    }
    throw new AssertionError("the call succeeded");
  }
}
