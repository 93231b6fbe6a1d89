package dev.studiolifecycle.local.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WildcardPatternTest {

  @Test
  void starMatchesAnyRunIncludingNone() {
    WildcardPattern pattern = WildcardPattern.compile("foo*.log");
    assertThat(pattern.matches("foo23.log")).isTrue();
    assertThat(pattern.matches("foo.log")).isTrue();
    assertThat(pattern.matches("foo23.log.gz")).isFalse();
    assertThat(WildcardPattern.compile("a*b*c").matches("a-x-b\nc")).isTrue();
  }

  @Test
  void escapedStarAndBackslashAreLiteral() {
    assertThat(WildcardPattern.compile("log-\\*.txt").matches("log-*.txt")).isTrue();
    assertThat(WildcardPattern.compile("log-\\*.txt").matches("log-1.txt")).isFalse();
    assertThat(WildcardPattern.compile("c:\\\\*").matches("c:\\temp")).isTrue();
  }

  @Test
  void regexCharactersHaveNoSpecialMeaning() {
    assertThat(WildcardPattern.compile("a.c").matches("abc")).isFalse();
    assertThat(WildcardPattern.compile("[x]+(y)?").matches("[x]+(y)?")).isTrue();
  }

  @Test
  void aBackslashBeforeAnythingElseIsRefused() {
    assertThatThrownBy(() -> WildcardPattern.compile("a\\b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 1");
    assertThatThrownBy(() -> WildcardPattern.compile("trailing\\"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
