package dev.studiolifecycle.local.lambda;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which function of the template is running on the current thread, so that the AWS calls it makes
 * can be told apart in the emulator's request log (see {@link CallerHeaderInterceptor}). The
 * handlers' SDK clients call synchronously on the thread that runs the handler, so a thread-local
 * is enough.
 */
public final class CallerContext {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private CallerContext() {}

  /** Runs {@code action} as {@code caller}, then puts back whatever caller was current before. */
  public static <T> T callingAs(String caller, Supplier<T> action) {
    Objects.requireNonNull(caller, "caller");
    String previous = CURRENT.get();
    CURRENT.set(caller);
    try {
      return action.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The caller running on this thread, if any. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
