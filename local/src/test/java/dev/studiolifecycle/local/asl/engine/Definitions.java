package dev.studiolifecycle.local.asl.engine;

/** Helpers for writing ASL in tests: single quotes become double quotes. */
final class Definitions {

  static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";

  private Definitions() {}

  /** {@code json("{'a': 1}")} is {@code {"a": 1}}; write a literal ' as \u2019 if ever needed. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
