package dev.studiolifecycle.local.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's root folder, where the workflow commands find template.yaml and statemachine/:
 * the current directory, which must be it.
 */
final class ProjectRoot {

  private ProjectRoot() {}

  /** The current directory, once checked. */
  static Path current() {
    return check(Path.of("").toAbsolutePath());
  }

  /**
   * Checks that {@code folder} is the project's root.
   *
   * @throws BadInput naming what is missing and where to run from
   */
  static Path check(Path folder) {
    boolean template = Files.isRegularFile(folder.resolve("template.yaml"));
    boolean statemachine = Files.isDirectory(folder.resolve("statemachine"));
    if (template && statemachine) {
      return folder;
    }
    String missing = !template && !statemachine ? "template.yaml and statemachine/"
        : !template ? "template.yaml" : "statemachine/";
    throw new BadInput(folder + " has no " + missing + ": run this command from the "
        + "project's root folder (the one with template.yaml, statemachine/ and events/), e.g. "
        + "cd studio-lifecycle && java -jar local/target/studio-lifecycle-local.jar ...");
  }
}
