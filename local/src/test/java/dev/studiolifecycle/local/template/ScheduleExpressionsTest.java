package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** EventBridge Scheduler's schedule expressions (user guide, "Schedule types"). */
class ScheduleExpressionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cron(0 2 * * ? *)",
        "cron(15 12 * * ? *)",
        "cron(0 18 ? * MON-FRI *)",
        "cron(0 8 1 * ? *)",
        "cron(0/15 * * * ? *)",
        "cron(0/5 8-17 ? * MON-FRI *)",
        "cron(0 9 ? * 2#1 *)",
        "cron(0 0 L * ? 2027)",
        "rate(5 minutes)",
        "rate(1 hour)",
        "rate(7 days)",
        "at(2026-12-24T09:00:00)"
      })
  void takesWhatSchedulerTakes(String expression) {
    assertThatCode(() -> ScheduleExpressions.check(expression, "S"))
        .as(expression)
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cron(0 2 * * *)|cron() takes six fields",
        "cron(0 2 * * * *)|exactly one of day-of-month and day-of-week must be ?",
        "cron(0 2 ? * ? *)|exactly one of day-of-month and day-of-week must be ?",
        "cron(60 2 * * ? *)|its minutes field takes 0 to 59, not 60",
        "cron(0 24 * * ? *)|its hours field takes 0 to 23, not 24",
        "cron(0 2 32 * ? *)|its day-of-month field takes 1 to 31, not 32",
        "cron(0 2 * 13 ? *)|its month field takes 1 to 12, not 13",
        "cron(0 2 ? * 8 *)|its day-of-week field takes 1 to 7, not 8",
        "cron(0 2 * * ? 1969)|its year field takes 1970 to 2199, not 1969",
        "cron(0 2 * * ? * )|cron() takes six fields",
        "rate(0 minutes)|a rate takes a positive value",
        "rate(1 minutes)|a rate takes a positive value, with a singular unit for 1",
        "rate(5 minute)|a rate takes a positive value, with a singular unit for 1",
        "rate(2 weeks)|neither at(), rate() nor cron()",
        "at(2026-12-24 09:00)|at() takes yyyy-mm-ddThh:mm:ss",
        "every day|neither at(), rate() nor cron()"
      })
  void refusesWhatSchedulerRefusesNamingTheRule(String expression, String rule) {
    assertThatThrownBy(() -> ScheduleExpressions.check(expression, "Resources.S"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.S: '" + expression + "' is not a schedule")
        .hasMessageContaining(rule);
  }
}
