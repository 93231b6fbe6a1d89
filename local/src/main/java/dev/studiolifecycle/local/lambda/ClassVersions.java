package dev.studiolifecycle.local.lambda;

import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.JavaRuntime;
import java.io.IOException;
import java.io.InputStream;

/**
 * Whether a function's Java runtime can load its handler class: a class compiled for a newer Java
 * than the runtime's (a {@code java11} function of classes compiled for 17) fails every invocation
 * on Lambda with {@code UnsupportedClassVersionError}, while the local JVM, being newer, would load
 * it; so the local runtime fails it the same way.
 */
final class ClassVersions {

  private ClassVersions() {}

  static void requireRunnable(FunctionDefinition function, ClassLoader loader)
      throws HandlerBinding.LoadFailure {
    Integer newest =
        JavaRuntime.byId(function.runtime()).map(JavaRuntime::classFileVersion).orElse(null);
    String className = function.handlerClass();
    int version = classFileVersion(className, loader);
    if (newest != null && version > newest) {
      // The JVM's own words for it (JVM specification 4.1: a class file's major_version).
      throw new HandlerBinding.LoadFailure(
          className
              + " has been compiled by a more recent version of the Java Runtime (class file"
              + " version "
              + version
              + ".0), this version of the Java Runtime only recognizes class file versions up"
              + " to "
              + newest
              + ".0 (the function's Runtime is "
              + function.runtime()
              + ")",
          UnsupportedClassVersionError.class.getName(),
          null);
    }
  }

  /** The major version of the class file, or 0 when the loader does not find it. */
  static int classFileVersion(String className, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
      if (in == null) {
        return 0;
      }
      byte[] header = in.readNBytes(8);
      return header.length < 8 ? 0 : ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    } catch (IOException e) {
      return 0;
    }
  }
}
