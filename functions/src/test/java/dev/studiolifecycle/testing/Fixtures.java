package dev.studiolifecycle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the sample events (the repository's events/ folder, on the test classpath). */
public final class Fixtures {

  private Fixtures() {}

  public static InputStream stream(String path) {
    InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException("no fixture " + path + " on the test classpath");
    }
    return in;
  }

  public static String text(String path) {
    try (InputStream in = stream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
