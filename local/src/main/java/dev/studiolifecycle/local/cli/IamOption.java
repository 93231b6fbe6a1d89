package dev.studiolifecycle.local.cli;

import picocli.CommandLine.Option;

/** {@code --no-iam}, which every command that runs the template's functions takes. */
final class IamOption {

  @Option(
      names = "--no-iam",
      description =
          "Do not evaluate the functions' and state machine's calls against their policies in "
              + "template.yaml (by default every call is, and refused as IAM would refuse it)")
  boolean noIam;

  /** Whether the template's policies are enforced at the call. */
  boolean enforced() {
    return !noIam;
  }
}
