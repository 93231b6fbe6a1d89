package dev.studiolifecycle.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerContextTest {

  @Test
  void namesTheCallerOnlyWhileTheActionRuns() {
    assertThat(CallerContext.current()).isEmpty();
    String seen =
        CallerContext.callingAs("ValidateFunction", () -> CallerContext.current().orElseThrow());
    assertThat(seen).isEqualTo("ValidateFunction");
    assertThat(CallerContext.current()).isEmpty();
  }

  @Test
  void restoresTheOuterCallerAfterANestedOne() {
    String outer =
        CallerContext.callingAs(
            "StartWorkflowFunction",
            () -> {
              String inner =
                  CallerContext.callingAs(
                      "ValidateFunction", () -> CallerContext.current().orElseThrow());
              assertThat(inner).isEqualTo("ValidateFunction");
              return CallerContext.current().orElseThrow();
            });
    assertThat(outer).isEqualTo("StartWorkflowFunction");
  }

  @Test
  void forgetsTheCallerWhenTheActionThrows() {
    assertThatThrownBy(
            () ->
                CallerContext.callingAs(
                    "ValidateFunction",
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(CallerContext.current()).isEmpty();
  }

  @Test
  void keepsCallersOfOtherThreadsApart() throws InterruptedException {
    String[] seenByOtherThread = new String[1];
    CallerContext.callingAs(
        "ValidateFunction",
        () -> {
          Thread other =
              new Thread(() -> seenByOtherThread[0] = CallerContext.current().orElse("nobody"));
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
    assertThat(seenByOtherThread[0]).isEqualTo("nobody");
  }
}
