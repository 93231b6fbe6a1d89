package dev.studiolifecycle.local.asl.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of "MockedResponses": what a mocked Task state answers on each of its invocations,
 * counted from 0 ("0", "1-3").
 */
public record MockedResponse(String name, List<Entry> entries) {

  public MockedResponse {
    entries = List.copyOf(entries);
  }

  /** The answer for invocations {@code first} to {@code last}, inclusive. */
  public record Entry(int first, int last, Reaction reaction) {}

  /** "Return" or "Throw". */
  public sealed interface Reaction {}

  /** {@code "Return": <value>}: the task's result (for lambda:invoke, Invoke's whole response). */
  public record Return(JsonNode value) implements Reaction {}

  /** {@code "Throw": {"Error": ..., "Cause": ...}}: the task fails with this error. */
  public record Throw(String error, String cause) implements Reaction {}

  /** The answer for invocation number {@code invocation} (0 for the first). */
  public Optional<Reaction> forInvocation(int invocation) {
    return entries.stream()
        .filter(e -> e.first() <= invocation && invocation <= e.last())
        .map(Entry::reaction)
        .findFirst();
  }

  /** The invocation numbers covered, for messages, e.g. {@code 0, 1-2, 3}. */
  public String coverage() {
    return String.join(
        ", ",
        entries.stream()
            .map(
                e ->
                    e.first() == e.last()
                        ? Integer.toString(e.first())
                        : e.first() + "-" + e.last())
            .toList());
  }
}
