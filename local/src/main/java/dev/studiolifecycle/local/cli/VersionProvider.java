package dev.studiolifecycle.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code -V}: the project version the build wrote into the jar. */
final class VersionProvider implements IVersionProvider {

  static final String RESOURCE = "/dev/studiolifecycle/local/cli/version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"studio-lifecycle " + version()};
  }

  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
