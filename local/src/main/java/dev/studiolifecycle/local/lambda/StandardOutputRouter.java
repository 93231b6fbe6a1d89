package dev.studiolifecycle.local.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps what in-process handlers print (log lines, EMF metrics) off the process's standard output,
 * where a command may promise to write nothing but its result. {@link #install} puts a router in
 * place of {@code System.out}; while {@link #divertedTo} runs an action, everything written to the
 * router goes to the chosen sink instead. Loggers that captured {@code System.out} after
 * installation (Log4j's console appender does) are diverted too.
 */
public final class StandardOutputRouter {

  private static final Object LOCK = new Object();
  private static volatile OutputStream diversion;

  private StandardOutputRouter() {}

  /** Makes {@code System.out} a router, unless it already is one. Idempotent. */
  public static void install() {
    synchronized (LOCK) {
      if (!(System.out instanceof RoutingPrintStream)) {
        System.setOut(new RoutingPrintStream(System.out));
      }
    }
  }

  /**
   * Runs {@code action} with everything written to {@code System.out} going to {@code sink}.
   * Diversions nest; the previous one returns afterwards.
   */
  public static <T> T divertedTo(PrintStream sink, Supplier<T> action) {
    Objects.requireNonNull(sink, "sink");
    install();
    OutputStream previous;
    synchronized (LOCK) {
      previous = diversion;
      diversion = sink;
    }
    try {
      return action.get();
    } finally {
      System.out.flush();
      synchronized (LOCK) {
        diversion = previous;
      }
    }
  }

  /** A PrintStream whose bytes go to the diversion when there is one, else to the original. */
  private static final class RoutingPrintStream extends PrintStream {
    RoutingPrintStream(PrintStream original) {
      super(new RoutingOutputStream(original), true);
    }
  }

  private static final class RoutingOutputStream extends OutputStream {
    private final PrintStream original;

    RoutingOutputStream(PrintStream original) {
      this.original = original;
    }

    private OutputStream target() {
      OutputStream current = diversion;
      return current != null ? current : original;
    }

    @Override
    public void write(int b) throws IOException {
      target().write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      target().write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      target().flush();
    }
  }
}
