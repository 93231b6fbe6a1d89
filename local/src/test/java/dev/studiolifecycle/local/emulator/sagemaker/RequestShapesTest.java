package dev.studiolifecycle.local.emulator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ConstraintViolations;
import dev.studiolifecycle.local.emulator.ServiceReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The nested settings are checked as the SageMaker API model says, at every depth: each case below
 * breaks one rule of the model (a range, a length, an enum, a pattern, a union, a required member)
 * and must be refused naming the member's path.
 */
class RequestShapesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane";

  private static String violations(String shape, String json) throws Exception {
    ConstraintViolations violations = new ConstraintViolations();
    SageMakerService.SHAPES.check(
        shape, JSON.readTree(json.replace('\'', '"')), "settings", violations);
    try {
      violations.throwIfAny(SageMakerErrors::validation);
      return "";
    } catch (AwsServiceError e) {
      return e.getMessage();
    }
  }

  @Test
  void settingsAsTheWorkflowSendsThemAreValid() throws Exception {
    assertThat(
            violations(
                "UserSettings",
                "{'ExecutionRole': '"
                    + ROLE
                    + "', 'JupyterLabAppSettings': {'DefaultResourceSpec':"
                    + " {'InstanceType': 'ml.t3.medium', 'SageMakerImageArn':"
                    + " 'arn:aws:sagemaker:us-east-1:081325390199:"
                    + "image/sagemaker-distribution-cpu'}},"
                    + " 'RStudioServerProAppSettings': {'AccessStatus': 'ENABLED', 'UserGroup':"
                    + " 'R_STUDIO_ADMIN'}, 'CanvasAppSettings': {'TimeSeriesForecastingSettings':"
                    + " {'Status': 'ENABLED', 'AmazonForecastRoleArn': '"
                    + ROLE
                    + "'}},"
                    + " 'StudioWebPortalSettings': {'HiddenMlTools': ['JumpStart', 'Projects']}}"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          idle timeout below the model's 60 minutes | UserSettings | {'JupyterLabAppSettings': {'AppLifecycleManagement': {'IdleSettings': {'IdleTimeoutInMinutes': 30}}}} | settings.jupyterLabAppSettings.appLifecycleManagement.idleSettings.idleTimeoutInMinutes
          idle timeout above a year | UserSettings | {'CodeEditorAppSettings': {'AppLifecycleManagement': {'IdleSettings': {'MaxIdleTimeoutInMinutes': 600000}}}} | settings.codeEditorAppSettings.appLifecycleManagement.idleSettings.maxIdleTimeoutInMinutes
          idle shutdown not ENABLED or DISABLED | UserSettings | {'JupyterLabAppSettings': {'AppLifecycleManagement': {'IdleSettings': {'LifecycleManagement': 'ON'}}}} | settings.jupyterLabAppSettings.appLifecycleManagement.idleSettings.lifecycleManagement
          a storage cap under 5 GB | UserSettings | {'SpaceStorageSettings': {'DefaultEbsStorageSettings': {'DefaultEbsVolumeSizeInGb': 4, 'MaximumEbsVolumeSizeInGb': 100}}} | settings.spaceStorageSettings.defaultEbsStorageSettings.defaultEbsVolumeSizeInGb
          a storage setting without its required maximum | UserSettings | {'SpaceStorageSettings': {'DefaultEbsStorageSettings': {'DefaultEbsVolumeSizeInGb': 5}}} | settings.spaceStorageSettings.defaultEbsStorageSettings.maximumEbsVolumeSizeInGb
          a custom file system that sets two kinds at once | UserSettings | {'CustomFileSystemConfigs': [{'EFSFileSystemConfig': {'FileSystemId': 'fs-0123456789abcdef0'}, 'FSxLustreFileSystemConfig': {'FileSystemId': 'fs-0123456789abcdef0'}}]} | settings.customFileSystemConfigs.1.member
          a file system id that is not one | UserSettings | {'CustomFileSystemConfigs': [{'EFSFileSystemConfig': {'FileSystemId': 'not a file system'}}]} | settings.customFileSystemConfigs.1.member.eFSFileSystemConfig.fileSystemId
          a hidden ML tool SageMaker does not have | UserSettings | {'StudioWebPortalSettings': {'HiddenMlTools': ['TimeTravel']}} | settings.studioWebPortalSettings.hiddenMlTools.1.member
          six security groups | UserSettings | {'SecurityGroups': ['sg-1', 'sg-2', 'sg-3', 'sg-4', 'sg-5', 'sg-6']} | settings.securityGroups
          an instance type apps do not run on | SpaceSettings | {'JupyterLabAppSettings': {'DefaultResourceSpec': {'InstanceType': 'ml.p9.huge'}}} | settings.jupyterLabAppSettings.defaultResourceSpec.instanceType
          a space volume over 16 TiB | SpaceSettings | {'SpaceStorageSettings': {'EbsStorageSettings': {'EbsVolumeSizeInGb': 20000}}} | settings.spaceStorageSettings.ebsStorageSettings.ebsVolumeSizeInGb
          a domain execution role that is not a role ARN | DomainSettings | {'RStudioServerProDomainSettings': {'DomainExecutionRoleArn': 'studio-role'}} | settings.rStudioServerProDomainSettings.domainExecutionRoleArn
          an execution identity SageMaker does not have | DomainSettings | {'ExecutionRoleIdentityConfig': 'GROUP_PROFILE_NAME'} | settings.executionRoleIdentityConfig
          a space default role that is not a role ARN | DefaultSpaceSettings | {'ExecutionRole': 'arn:aws:iam::123:role/x'} | settings.executionRole
          a POSIX uid below 10000 | UserSettings | {'CustomPosixUserConfig': {'Uid': 100, 'Gid': 1001}} | settings.customPosixUserConfig.uid
          an idle time below the minimum a user may set | UserSettings | {'JupyterLabAppSettings': {'AppLifecycleManagement': {'IdleSettings': {'IdleTimeoutInMinutes': 60, 'MinIdleTimeoutInMinutes': 120}}}} | settings.jupyterLabAppSettings.appLifecycleManagement.idleSettings
          an idle time above the maximum a user may set | UserSettings | {'CodeEditorAppSettings': {'AppLifecycleManagement': {'IdleSettings': {'IdleTimeoutInMinutes': 600, 'MaxIdleTimeoutInMinutes': 120}}}} | settings.codeEditorAppSettings.appLifecycleManagement.idleSettings
          an idle minimum above the maximum | UserSettings | {'JupyterLabAppSettings': {'AppLifecycleManagement': {'IdleSettings': {'MinIdleTimeoutInMinutes': 600, 'MaxIdleTimeoutInMinutes': 120}}}} | settings.jupyterLabAppSettings.appLifecycleManagement.idleSettings
          a default space volume above its maximum | UserSettings | {'SpaceStorageSettings': {'DefaultEbsStorageSettings': {'DefaultEbsVolumeSizeInGb': 100, 'MaximumEbsVolumeSizeInGb': 50}}} | settings.spaceStorageSettings.defaultEbsStorageSettings
          """)
  void aNestedMemberThatBreaksTheModelIsRefusedNamingItsPath(
      String why, String shape, String settings, String path) throws Exception {
    assertThat(violations(shape, settings)).as(why).contains("at '" + path + "'");
  }

  @Test
  void aValueOfTheWrongTypeOrAnUnknownMemberIsASerializationException() {
    assertThatThrownBy(() -> violations("UserSettings", "{'SecurityGroups': 'sg-1'}"))
        .isInstanceOf(AwsServiceError.class)
        .satisfies(
            e -> assertThat(((AwsServiceError) e).code()).isEqualTo("SerializationException"))
        .hasMessageContaining("settings.securityGroups");
    assertThatThrownBy(() -> violations("UserSettings", "{'ExecutionRoles': 'x'}"))
        .isInstanceOf(AwsServiceError.class)
        .hasMessageContaining("ExecutionRoles");
  }

  @Test
  void idleTimesAndVolumeSizesWithinTheirBoundsAreValid() throws Exception {
    assertThat(
            violations(
                "UserSettings",
                "{'JupyterLabAppSettings': {'AppLifecycleManagement': {'IdleSettings':"
                    + " {'IdleTimeoutInMinutes': 120, 'MinIdleTimeoutInMinutes': 60,"
                    + " 'MaxIdleTimeoutInMinutes': 120}}}, 'SpaceStorageSettings':"
                    + " {'DefaultEbsStorageSettings': {'DefaultEbsVolumeSizeInGb': 50,"
                    + " 'MaximumEbsVolumeSizeInGb': 50}}}"))
        .isEmpty();
  }

  /** Every path below the four settings structures, with each of its rules: the count checked. */
  @Test
  void theChecksCoverEverySettingsMemberOfTheModel() {
    int checks = 0;
    for (String shape :
        new String[] {"UserSettings", "SpaceSettings", "DomainSettings", "DefaultSpaceSettings"}) {
      checks += SageMakerService.SHAPES.countChecks(shape);
    }
    assertThat(checks).isGreaterThan(388);
  }

  @Test
  void anAnswerTheModelDoesNotAllowIsTheEmulatorsBugNotAReply() throws Exception {
    // Every answer of the served operations is held to its output shape: the whole test suite
    // runs with the check on, so a status SageMaker never answers or a required member the
    // emulator forgot fails the test that provoked it.
    ServiceReply described =
        new ServiceReply.Json(
            JSON.readTree(
                "{\"DomainId\": \"d-studio000001\", \"UserProfileName\": \"jane-doe\","
                    + " \"Status\": \"Sleeping\"}"));
    assertThatThrownBy(() -> SageMakerService.SHAPES.checkAnswer("DescribeUserProfile", described))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the emulator's DescribeUserProfile answer breaks")
        .hasMessageContaining("Value 'Sleeping' at 'status'");
    ServiceReply listed =
        new ServiceReply.Json(JSON.readTree("{\"Apps\": [{\"AppName\": \"x\"}]}"));
    assertThat(SageMakerService.SHAPES.checkAnswer("ListApps", listed)).isSameAs(listed);
  }
}
