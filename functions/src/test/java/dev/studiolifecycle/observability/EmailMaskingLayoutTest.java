package dev.studiolifecycle.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.testing.LogCapture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmailMaskingLayoutTest {

  @Test
  void theConfiguredAppenderMasksAddressesEvenInOtherLibrariesLogsAndErrors() {
    Logger ours = LoggerFactory.getLogger(EmailMaskingLayoutTest.class);
    Logger library = LoggerFactory.getLogger("some.library.Client");
    try (LogCapture logs = LogCapture.start()) {
      ours.info("onboarding jane-doe <jane.doe@example.com>");
      library.warn(
          "request for ann@example.org failed",
          new IllegalStateException("bad address bob@example.net"));
      JsonNode mine = logs.lastLineStartingWith("onboarding");
      assertThat(mine.path("message").asText()).isEqualTo("onboarding jane-doe <j***@example.com>");
      JsonNode theirs = logs.lastLineStartingWith("request for");
      assertThat(theirs.path("message").asText()).isEqualTo("request for a***@example.org failed");
      assertThat(theirs.path("error").path("message").asText())
          .isEqualTo("bad address b***@example.net");
      assertThat(logs.text()).doesNotContain("jane.doe@", "ann@", "bob@");
    }
  }

  @Test
  void theConfiguredAppenderUsesTheMaskingLayout() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    assertThat(context.getConfiguration().getAppender("JsonAppender").getLayout())
        .isInstanceOf(EmailMaskingLayout.class);
  }

  @Test
  void needsANestedTextLayout() {
    assertThat(EmailMaskingLayout.create(PatternLayout.createDefaultLayout())).isNotNull();
    assertThatThrownBy(() -> EmailMaskingLayout.create(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
