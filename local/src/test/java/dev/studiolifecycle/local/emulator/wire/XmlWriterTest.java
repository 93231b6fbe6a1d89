package dev.studiolifecycle.local.emulator.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

  @Test
  void writesNestedElementsEscapesTextAndSkipsNulls() {
    String xml =
        new XmlWriter()
            .start("Root", "https://example.com/doc/")
            .element("Text", "a < b & \"c\"")
            .element("Missing", (String) null)
            .element("Count", 3)
            .element("Flag", true)
            .element("When", Instant.parse("2026-01-05T09:00:00.123456Z"))
            .emptyElement("Empty")
            .end()
            .finish();

    assertThat(xml)
        .isEqualTo(
            "<Root xmlns=\"https://example.com/doc/\">"
                + "<Text>a &lt; b &amp; &quot;c&quot;</Text><Count>3</Count><Flag>true</Flag>"
                + "<When>2026-01-05T09:00:00.123Z</When><Empty/></Root>");
  }

  @Test
  void refusesUnbalancedDocuments() {
    assertThatThrownBy(() -> new XmlWriter().start("A").finish())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new XmlWriter().end()).isInstanceOf(IllegalStateException.class);
  }
}
