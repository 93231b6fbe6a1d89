package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.runtime.BadInput;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every command that runs the template's handlers shares, by the same names everywhere:
 * where the project is, where the handlers' logs go, and whether IAM is enforced.
 */
final class ProjectOptions {

  @Mixin ProjectRootOption root;

  @Option(
      names = "--handler-logs",
      paramLabel = "<file>",
      description =
          "Append the handlers' log lines and metrics to this file (default: dropped, or stderr "
              + "for asl run and emulator)")
  Path handlerLogs;

  @Mixin IamOption iam;

  /** The project's root, checked. */
  Path checkedRoot() {
    return root.checked();
  }

  /** The project's template.yaml, or null when the current directory has none. */
  Path templateIfAny() {
    return root.templateIfAny();
  }

  /**
   * {@code --project-root}, alone: for the commands that read the template but run nothing ({@code
   * asl validate}).
   */
  static final class ProjectRootOption {

    @Option(
        names = "--project-root",
        paramLabel = "<dir>",
        description =
            "The project's root folder, with template.yaml, statemachine/ and events/ "
                + "(default: the current directory)")
    Path projectRoot;

    /**
     * The project's root, checked.
     *
     * @throws BadInput naming what is missing and where to run from
     */
    Path checked() {
      return ProjectRoot.check(projectRoot == null ? Path.of(".") : projectRoot);
    }

    /**
     * template.yaml of the given root (which must have one), else of the current directory if it
     * has one, else null.
     *
     * @throws BadInput when the given root has no template.yaml
     */
    Path templateIfAny() {
      Path folder = projectRoot == null ? Path.of(".") : projectRoot;
      Path template = folder.resolve("template.yaml");
      if (Files.isRegularFile(template)) {
        return template;
      }
      if (projectRoot != null) {
        throw new BadInput("--project-root: " + projectRoot + " has no template.yaml");
      }
      return null;
    }
  }
}
