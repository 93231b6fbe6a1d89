package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.WaitState;
import dev.studiolifecycle.local.asl.definition.WaitTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A Wait state: its continuation scheduled at the time its Seconds or Timestamp field gives. */
record WaitRunner(ExecutionRun run, WaitState state) implements StateRunner {

  @Override
  public void attempt(Visit visit) {
    JsonNode context = run.context(visit);
    JsonNode effective;
    Instant until;
    try {
      effective = PathValues.select(state.inputPath(), visit.input, context, visit, "InputPath");
      until = until(effective, context, visit);
      if (state.jsonata() == null) {
        run.assign(visit, state.assign(), effective, context);
      }
      // Developer guide, Wait state: a Standard workflow waits at most one year.
      if (until.isAfter(run.now().plus(ExecutionRun.MAX_DURATION))) {
        throw new StatesError(
            StatesError.RUNTIME,
            "Wait state delay is too long: state '"
                + visit.name()
                + "' would wait until "
                + until
                + ", more than one year");
      }
    } catch (StatesError e) {
      run.fail(visit, e);
      return;
    }
    if (state.jsonata() != null) {
      run.schedule(
          until,
          visit.scope,
          () ->
              run.leaveJsonata(
                  visit,
                  ExecutionRun.bindings(visit, context, null, null),
                  state.assign(),
                  state.jsonata().output(),
                  visit.input,
                  state.transition()));
      return;
    }
    run.schedule(
        until,
        visit.scope,
        () -> {
          try {
            JsonNode output =
                PathValues.select(state.outputPath(), effective, context, visit, "OutputPath");
            run.leave(visit, output, state.transition());
          } catch (StatesError e) {
            run.fail(visit, e);
          }
        });
  }

  /** A JSONata Seconds (a non-negative integer) or Timestamp (RFC 3339 text). */
  private Instant untilJsonata(WaitTime.FromJsonata time, JsonNode context, Visit visit) {
    if (time.field().equals("Seconds")) {
      long seconds =
          run.jsonataValue(
                  time.expression(),
                  visit,
                  context,
                  "Seconds",
                  value -> value.isIntegralNumber() && value.asLong() >= 0,
                  "a non-negative integer")
              .asLong();
      return run.now().plusSeconds(seconds);
    }
    String timestamp =
        run.jsonataValue(
                time.expression(),
                visit,
                context,
                "Timestamp",
                value -> value.isTextual() && parsed(value.asText()) != null,
                "an RFC 3339 timestamp")
            .asText();
    return parsed(timestamp);
  }

  /** An RFC 3339 timestamp, or null when the text is not one. */
  private static Instant parsed(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Instant until(JsonNode effective, JsonNode context, Visit visit) {
    WaitTime time = state.waitTime();
    if (time instanceof WaitTime.Seconds seconds) {
      return run.now().plusSeconds(seconds.seconds());
    }
    if (time instanceof WaitTime.Timestamp timestamp) {
      return timestamp.timestamp();
    }
    if (time instanceof WaitTime.FromJsonata jsonata) {
      return untilJsonata(jsonata, context, visit);
    }
    if (time instanceof WaitTime.SecondsPath secondsPath) {
      JsonNode value =
          PathValues.read(
              secondsPath.path(),
              effective,
              context,
              visit,
              "SecondsPath",
              seconds -> seconds.isIntegralNumber() && seconds.asLong() >= 0,
              "a non-negative integer");
      return run.now().plusSeconds(value.asLong());
    }
    WaitTime.TimestampPath timestampPath = (WaitTime.TimestampPath) time;
    JsonNode value =
        PathValues.read(timestampPath.path(), effective, context, visit, "TimestampPath");
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        // Falls through to the error below, which quotes the value.
      }
    }
    throw new StatesError(
        StatesError.RUNTIME,
        "The TimestampPath '"
            + timestampPath.path()
            + "' of state '"
            + visit.name()
            + "' must select an RFC 3339 timestamp, got "
            + ExecutionRun.json(value));
  }
}
