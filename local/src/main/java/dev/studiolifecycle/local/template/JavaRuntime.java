package dev.studiolifecycle.local.template;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Java runtimes Lambda supports, as the Lambda developer guide's table lists them ("Building
 * Lambda functions with Java": identifier, deprecation date, block function create, block function
 * update), with the newest class file version each runs (JVM specification 4.1: Java 8 is 52, 11 is
 * 55, 17 is 61, 21 is 65, 25 is 69).
 *
 * <p>After a runtime's "block function create" date Lambda refuses to create a function on it
 * (developer guide, "Runtime deprecation"; API reference, FunctionConfiguration.Runtime: "Lambda
 * blocks creating new functions and updating existing functions shortly after each runtime is
 * deprecated"), while functions created before it keep running. The guide adds that the dates may
 * vary by Region; the table's dates are taken everywhere.
 */
public enum JavaRuntime {
  JAVA25("java25", 69, "2029-06-30", "2029-07-31"),
  JAVA21("java21", 65, "2029-06-30", "2029-07-31"),
  JAVA17("java17", 61, "2027-06-30", "2027-07-31"),
  JAVA11("java11", 55, "2027-06-30", "2027-07-31"),
  JAVA8_AL2("java8.al2", 52, "2027-06-30", "2027-07-31");

  private final String id;
  private final int classFileVersion;
  private final LocalDate deprecated;
  private final LocalDate createBlocked;

  JavaRuntime(String id, int classFileVersion, String deprecated, String createBlocked) {
    this.id = id;
    this.classFileVersion = classFileVersion;
    this.deprecated = LocalDate.parse(deprecated);
    this.createBlocked = LocalDate.parse(createBlocked);
  }

  /** The identifier a function's {@code Runtime} names, e.g. {@code java21}. */
  public String id() {
    return id;
  }

  /** The newest class file version the runtime's JVM loads. */
  public int classFileVersion() {
    return classFileVersion;
  }

  public static Optional<JavaRuntime> byId(String id) {
    return Arrays.stream(values()).filter(runtime -> runtime.id.equals(id)).findFirst();
  }

  /** The identifiers, newest first, as a refusal lists them. */
  static String ids() {
    return Arrays.stream(values()).map(JavaRuntime::id).collect(Collectors.joining(", "));
  }

  /**
   * Why Lambda's CreateFunction refuses a function on this runtime on {@code day} (UTC), in
   * Lambda's words (InvalidParameterValueException), or empty while creating is allowed.
   */
  public Optional<String> createRefusal(LocalDate day) {
    if (day.isBefore(createBlocked)) {
      return Optional.empty();
    }
    return Optional.of(
        "The runtime parameter of "
            + id
            + " is no longer supported for creating or updating AWS Lambda functions. We"
            + " recommend you use a supported runtime while creating or updating functions."
            + " (deprecated "
            + deprecated
            + ", creating functions blocked from "
            + createBlocked
            + ")");
  }
}
