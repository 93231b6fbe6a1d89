package dev.studiolifecycle.local.runtime;

import java.io.PrintStream;
import java.util.Objects;

/**
 * What the builders of every local runtime take alike: where the handlers' output goes, and whether
 * the template's policies are enforced at every call.
 *
 * @param <B> the builder, returned by each setter
 */
public abstract class RuntimeOptions<B extends RuntimeOptions<B>> {

  PrintStream handlerOutput;
  boolean iamEnforced = true;

  RuntimeOptions(PrintStream defaultOutput) {
    this.handlerOutput = defaultOutput;
  }

  /** Where the handlers' logs and metrics go (and, for a definition run, what else runs print). */
  public B handlerOutput(PrintStream sink) {
    this.handlerOutput = Objects.requireNonNull(sink, "sink");
    return self();
  }

  /**
   * Whether every call of the template's functions and state machines is evaluated against its
   * policy in the template, as IAM would (on unless turned off, for a quick experiment).
   */
  public B iamEnforced(boolean value) {
    this.iamEnforced = value;
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
