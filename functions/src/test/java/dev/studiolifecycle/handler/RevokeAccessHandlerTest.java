package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.model.RevokeAccessInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RevokeAccessHandlerTest {

  @Test
  void theTimeToRevokeRunsFromTheExecutionsStartToTheEndOfThisInvocation() {
    RevokeAccessInput input =
        new RevokeAccessInput(
            null, "d-1", "jane-doe", "2026-03-02T09:15:00.000Z", "2026-03-02T09:15:01.250Z");

    assertThat(RevokeAccessHandler.secondsToRevoke(input, Duration.ofMillis(500))).contains(1.75);
  }

  @Test
  void withoutBothTimesOrWithOneThatIsNotIso8601NothingIsMeasured() {
    assertThat(
            RevokeAccessHandler.secondsToRevoke(
                new RevokeAccessInput(null, "d-1", "jane-doe"), Duration.ZERO))
        .isEmpty();
    assertThat(
            RevokeAccessHandler.secondsToRevoke(
                new RevokeAccessInput(null, "d-1", "jane-doe", "yesterday", "2026-03-02T09:15:01Z"),
                Duration.ZERO))
        .isEmpty();
  }
}
