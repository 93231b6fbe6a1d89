package dev.studiolifecycle.validation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SageMaker, IAM and S3 value rules, defined once. Each check returns the rule a value breaks
 * ({@code must fully match ...}), or nothing; callers prefix the field name.
 */
public final class FieldRules {

  /** SageMaker user profile, space and app names. */
  public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  /** SageMaker domain ids. */
  public static final Pattern DOMAIN_ID = Pattern.compile("d-(-*[a-z0-9]){1,61}");

  /** IAM role ARNs as SageMaker accepts them. */
  public static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");

  /** IAM managed policy ARNs, AWS managed ({@code iam::aws:}) or customer managed. */
  public static final Pattern POLICY_ARN =
      Pattern.compile("arn:aws[a-z\\-]*:iam::(\\d{12}|aws):policy/[\\w+=,.@/\\-]{1,512}");

  /** SageMaker image ARNs. */
  public static final Pattern IMAGE_ARN =
      Pattern.compile(
          "arn:aws(-[\\w]+)*:sagemaker:.+:[0-9]{12}:image/[a-zA-Z0-9]([-.]?[a-zA-Z0-9])*");

  /** Studio app instance types: {@code system} or {@code ml.<family>.<size>}. */
  public static final Pattern INSTANCE_TYPE =
      Pattern.compile("system|ml\\.[a-z0-9][a-z0-9\\-]*\\.[a-z0-9]+");

  /** Characters SageMaker and IAM accept in tag keys and values. */
  public static final Pattern TAG_CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private static final Pattern BUCKET_CHARACTERS = Pattern.compile("[a-z0-9.\\-]+");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern NO_SPACE_OR_CONTROL = Pattern.compile("[^\\s\\p{Cntrl}]+");
  private static final List<String> RESERVED_BUCKET_PREFIXES =
      List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_BUCKET_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private FieldRules() {}

  /** A full match of {@code pattern}, reported with the pattern itself. */
  public static Optional<String> fullMatch(Pattern pattern, String value) {
    return pattern.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("must fully match " + pattern.pattern());
  }

  /** A length between {@code min} and {@code max} characters (code points). */
  public static Optional<String> length(String value, int min, int max) {
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      return Optional.of(
          min == 0
              ? "must be at most " + max + " characters"
              : "must be " + min + "-" + max + " characters");
    }
    return Optional.empty();
  }

  /** An S3 bucket name that S3 accepts for general purpose buckets. */
  public static Optional<String> bucketName(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return Optional.of("must be 3-63 characters");
    }
    if (!BUCKET_CHARACTERS.matcher(name).matches()) {
      return Optional.of("may contain only lowercase letters, digits, dots and hyphens");
    }
    if (!Character.isLetterOrDigit(name.charAt(0))
        || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
      return Optional.of("must start and end with a letter or digit");
    }
    if (name.contains("..")) {
      return Optional.of("must not contain two adjacent dots");
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return Optional.of("must not be formatted as an IP address");
    }
    for (String prefix : RESERVED_BUCKET_PREFIXES) {
      if (name.startsWith(prefix)) {
        return Optional.of("must not start with the reserved prefix " + prefix);
      }
    }
    for (String suffix : RESERVED_BUCKET_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return Optional.of("must not end with the reserved suffix " + suffix);
      }
    }
    return Optional.empty();
  }

  /** An e-mail address; the rule never repeats the value, which is personal data. */
  public static Optional<String> email(String value) {
    if (value.length() > 254) {
      return Optional.of("must be at most 254 characters");
    }
    return EMAIL.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("must be an e-mail address (local-part@domain)");
  }

  /** A single token of 1-128 characters without spaces or control characters. */
  public static Optional<String> userName(String value) {
    return length(value, 1, 128)
        .or(
            () ->
                NO_SPACE_OR_CONTROL.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of("must not contain spaces or control characters"));
  }

  /** A tag key: 1-128 tag characters, not in the {@code aws:} namespace. */
  public static Optional<String> tagKey(String key) {
    return length(key, 1, 128)
        .or(() -> fullMatch(TAG_CHARACTERS, key))
        .or(
            () ->
                key.regionMatches(true, 0, "aws:", 0, 4)
                    ? Optional.of("must not start with aws: (reserved by AWS)")
                    : Optional.empty());
  }

  /** A tag value: 0-256 tag characters. */
  public static Optional<String> tagValue(String value) {
    return length(value, 0, 256).or(() -> fullMatch(TAG_CHARACTERS, value));
  }
}
