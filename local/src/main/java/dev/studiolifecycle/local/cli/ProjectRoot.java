package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.runtime.BadInput;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's root folder, where the workflow commands find template.yaml, statemachine/ and
 * events/: the current directory unless a command is told otherwise.
 */
final class ProjectRoot {

  private ProjectRoot() {}

  /**
   * Checks that {@code folder} is the project's root.
   *
   * @throws BadInput naming what is missing and where to run from
   */
  static Path check(Path given) {
    Path folder = given.toAbsolutePath().normalize();
    boolean template = Files.isRegularFile(folder.resolve("template.yaml"));
    boolean statemachine = Files.isDirectory(folder.resolve("statemachine"));
    if (template && statemachine) {
      return folder;
    }
    String missing =
        !template && !statemachine
            ? "template.yaml and statemachine/"
            : !template ? "template.yaml" : "statemachine/";
    throw new BadInput(
        folder
            + " has no "
            + missing
            + ": run this command from the "
            + "project's root folder, the one with template.yaml, statemachine/ and events/ (or "
            + "name it with --project-root)");
  }
}
