package dev.studiolifecycle.local.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.reconcile.ObservedProfile;
import dev.studiolifecycle.reconcile.ProfileObserver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconcile's view of the served domains, read over the SDK from the emulator: every page of
 * ListUserProfiles, and each profile's tags.
 */
class ProfileObserverEmulatorTest {

  private static final String IAM = "d-studiolocal01";
  private static final String OTHER = "d-studiolocal02";

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final EmulatorClients clients = aws.clients();

  @BeforeEach
  void seed() {
    emulator.sageMaker().seedDomain(DomainSeed.iam(IAM, "studio"));
    emulator.sageMaker().seedDomain(DomainSeed.iam(OTHER, "studio-research"));
  }

  @Test
  void seesEveryProfileOfTheServedDomainsAcrossPagesWithWhatItsTagsSay() {
    for (int i = 0; i < 130; i++) {
      emulator
          .sageMaker()
          .seedUserProfile(
              UserProfileSeed.inService(IAM, String.format("user-%03d", i))
                  .withTags(Map.of("managed-by", "studio-lifecycle")));
    }
    emulator
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(IAM, "jane-doe")
                .withTags(
                    Map.of(
                        "managed-by", "studio-lifecycle",
                        "studio-lifecycle:team", "risk",
                        "studio-lifecycle:offboarding", "hr-2026-000417")));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(IAM, "admin-sandbox"));
    emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(OTHER, "kim-lee"));

    List<ObservedProfile> observed = new ProfileObserver(clients.sageMaker).observe(List.of(IAM));

    assertThat(observed).hasSize(132).allMatch(p -> p.domainId().equals(IAM));
    assertThat(observed)
        .filteredOn(p -> p.userProfileName().equals("jane-doe"))
        .containsExactly(
            new ObservedProfile(
                IAM,
                "jane-doe",
                true,
                "risk",
                "hr-2026-000417",
                Map.of(
                    "managed-by", "studio-lifecycle",
                    "studio-lifecycle:team", "risk",
                    "studio-lifecycle:offboarding", "hr-2026-000417")));
    assertThat(observed)
        .filteredOn(p -> p.userProfileName().equals("admin-sandbox"))
        .containsExactly(new ObservedProfile(IAM, "admin-sandbox", false, null, null, Map.of()));
    assertThat(emulator.requestLog().calls("sagemaker", "ListUserProfiles").size())
        .as("every page, more than one")
        .isGreaterThan(1);
  }
}
