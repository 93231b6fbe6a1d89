package dev.studiolifecycle.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;

class StudioUserTest {

  private static final String DOMAIN = "d-studiolocal01";

  private AwsEmulator emulator;
  private StudioUser jane;

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().clock(new VirtualClock()).port(0).build().start();
    emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "studio"));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN, "jane-doe"));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(DOMAIN, "john-roe"));
    jane = StudioUser.of(emulator, DOMAIN, "jane-doe");
  }

  @AfterEach
  void stop() {
    jane.close();
    emulator.close();
  }

  @Test
  void opensAppsOnItsProfileAndInItsPrivateSpacesThroughTheSageMakerApi() {
    jane.launchApp("Canvas", "default");
    jane.createPrivateSpace("jane-doe-code", "CodeEditor");
    // Like Studio, the user waits for the space before opening its app.
    emulator.virtualClock().advance(emulator.sageMaker().timings().spaceReady());
    String arn = jane.launchSpaceApp("jane-doe-code", "CodeEditor", "default");
    emulator.virtualClock().advance(Duration.ofMinutes(5));

    assertThat(arn).endsWith("/jane-doe-code/codeeditor/default");
    assertThat(emulator.sageMaker().appStatus(DOMAIN, "jane-doe", null, "Canvas", "default"))
        .contains(AppStatus.IN_SERVICE);
    assertThat(emulator.requestLog().calls("sagemaker", "CreateSpace"))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.parameters().at("/OwnershipSettings/OwnerUserProfileName").asText())
                  .isEqualTo("jane-doe");
              assertThat(call.parameters().at("/SpaceSharingSettings/SharingType").asText())
                  .isEqualTo("Private");
            });
    assertThat(jane.apps())
        .extracting(AppDetails::appTypeAsString, AppDetails::statusAsString)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Canvas", "InService"),
            org.assertj.core.groups.Tuple.tuple("CodeEditor", "InService"));
  }

  @Test
  void listsOnlyItsOwnAppsAndThoseOfTheSpacesItOwns() {
    emulator.sageMaker().seedSpace(SpaceSeed.sharedSpace(DOMAIN, "team", "john-roe"));
    emulator
        .sageMaker()
        .seedApp(AppSeed.ofSpace(DOMAIN, "team", "JupyterLab", "default", AppStatus.IN_SERVICE));
    emulator
        .sageMaker()
        .seedApp(
            AppSeed.ofUserProfile(DOMAIN, "john-roe", "Canvas", "default", AppStatus.IN_SERVICE));
    emulator
        .sageMaker()
        .seedApp(
            AppSeed.ofUserProfile(DOMAIN, "jane-doe", "Canvas", "default", AppStatus.IN_SERVICE));

    assertThat(jane.apps())
        .extracting(AppDetails::userProfileName, AppDetails::appTypeAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("jane-doe", "Canvas"));
  }

  @Test
  void sageMakerErrorsReachTheCallerAtOnce() {
    jane.launchApp("Canvas", "default");
    assertThatThrownBy(() -> jane.launchApp("Canvas", "default"))
        .isInstanceOf(ResourceInUseException.class);
    assertThat(emulator.requestLog().calls("sagemaker", "CreateApp")).hasSize(2);
  }
}
