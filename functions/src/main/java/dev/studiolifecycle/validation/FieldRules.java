package dev.studiolifecycle.validation;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

  /** A team name as the team settings key it: the workflow's own rule. */
  /** Identity Store API reference, UserId: a UUID, optionally after 10 hex digits and a dash. */
  public static final Pattern IDENTITY_CENTER_USER_ID =
      Pattern.compile(
          "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-"
              + "[A-Fa-f0-9]{12}");

  public static final Pattern TEAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");

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
  private static final Pattern DOT_ATOM =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern HOST_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?");
  private static final Pattern TOP_LEVEL_DOMAIN =
      Pattern.compile("[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+");
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

  /**
   * An e-mail address as mail systems take it: a dot-atom local part of at most 64 characters (RFC
   * 5322 section 3.4.1, RFC 5321 section 4.5.3.1.1), an {@code @}, and a host name of labels of
   * letters, digits and inner hyphens, at most 63 characters each, ending in an alphabetic or
   * punycode top-level domain; at most 254 characters in all (RFC 5321 section 4.5.3.1.3: the 256
   * of a path less its angle brackets). Quoted local parts, address literals and internationalized
   * addresses are refused: they are legal but rare, and each is a way to smuggle quotes, markup or
   * look-alike characters into every message that shows the address. The rule never repeats the
   * value, which is personal data.
   */
  public static Optional<String> email(String value) {
    if (value.length() > 254) {
      return Optional.of("must be at most 254 characters");
    }
    if (!NO_SPACE_OR_CONTROL.matcher(value).matches() && !value.isEmpty()) {
      return Optional.of("must not contain spaces or control characters");
    }
    if (!value.chars().allMatch(c -> c < 0x80)) {
      return Optional.of("must be ASCII (internationalized addresses are not accepted)");
    }
    int at = value.indexOf('@');
    if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
      return Optional.of("must be an e-mail address (local-part@domain)");
    }
    String local = value.substring(0, at);
    if (local.length() > 64) {
      return Optional.of("must have a local part of at most 64 characters");
    }
    if (!DOT_ATOM.matcher(local).matches()) {
      return Optional.of(
          "must have a local part of letters, digits and !#$%&'*+-/=?^_`{|}~,"
              + " in dot-separated runs");
    }
    String[] labels = value.substring(at + 1).split("\\.", -1);
    for (String label : labels) {
      if (label.length() > 63) {
        return Optional.of("must have domain labels of at most 63 characters");
      }
      if (!HOST_LABEL.matcher(label).matches()) {
        return Optional.of("must have domain labels of letters, digits and inner hyphens");
      }
    }
    String top = labels[labels.length - 1];
    return labels.length >= 2 && TOP_LEVEL_DOMAIN.matcher(top).matches()
        ? Optional.empty()
        : Optional.of("must have a domain of at least two labels, ending in a top-level domain");
  }

  /** An ISO-8601 timestamp with an offset ({@code 2026-01-02T09:14:58Z}). */
  public static Optional<String> timestamp(String value) {
    try {
      OffsetDateTime.parse(value);
      return Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.of("must be an ISO-8601 timestamp with offset, such as 2026-01-02T09:14:58Z");
    }
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
