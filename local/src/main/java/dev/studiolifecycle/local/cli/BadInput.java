package dev.studiolifecycle.local.cli;

/** Bad input or usage of a workflow command: its message says what and where; exit 2. */
final class BadInput extends RuntimeException {

  BadInput(String message) {
    super(message);
  }
}
