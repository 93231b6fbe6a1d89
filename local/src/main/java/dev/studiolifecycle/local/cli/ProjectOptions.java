package dev.studiolifecycle.local.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code run} and {@code demo} share: where the project is, where the handlers' logs
 * go, and whether IAM is enforced. ({@code hr-event} declares its own, as it also accepts {@code
 * --project} and {@code --handler-log}.)
 */
final class ProjectOptions {

  @Option(
      names = "--handler-logs",
      paramLabel = "<file>",
      description = "Append the handlers' log lines and metrics to this file (default: dropped)")
  Path handlerLogs;

  @Option(
      names = "--project-root",
      paramLabel = "<dir>",
      defaultValue = ".",
      description =
          "The project's root folder, with template.yaml, statemachine/ and events/ "
              + "(default: the current directory)")
  Path projectRoot;

  @Mixin IamOption iam;
}
