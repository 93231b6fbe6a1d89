package dev.studiolifecycle.service.config;

import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.validation.FieldRules;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The function's environment variables, read once when a handler is built. Each accessor checks its
 * variable and fails with a {@link ConfigurationError} that names it, so a misconfigured function
 * fails at start rather than half way through a request.
 */
public final class FunctionEnvironment {

  public static final String ROLE_PATH = "ROLE_PATH";
  public static final String PERMISSIONS_BOUNDARY_ARN = "PERMISSIONS_BOUNDARY_ARN";
  public static final String ALLOWED_POLICY_ARNS = "ALLOWED_POLICY_ARNS";
  public static final String DEFAULT_POLICY_ARNS = "DEFAULT_POLICY_ARNS";
  public static final String AWS_ACCOUNT_ID = "AWS_ACCOUNT_ID";
  public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
  public static final String DEFAULT_DOMAIN_ID = "DEFAULT_DOMAIN_ID";
  public static final String IDENTITY_STORE_ID = "IDENTITY_STORE_ID";
  public static final String LOGIN_SESSION_SECONDS = "LOGIN_SESSION_SECONDS";
  public static final String LOGIN_URL_EXPIRES_SECONDS = "LOGIN_URL_EXPIRES_SECONDS";
  public static final String SERVED_DOMAIN_IDS = "SERVED_DOMAIN_IDS";
  public static final String STATE_MACHINE_NAME = "STATE_MACHINE_NAME";
  public static final String TEAM_SETTINGS_PARAMETER = "TEAM_SETTINGS_PARAMETER";
  public static final String NOTIFICATION_TOPIC_ARN = "NOTIFICATION_TOPIC_ARN";
  public static final String EVENT_ORDER_TABLE = "EVENT_ORDER_TABLE";
  public static final String RECONCILE_BUCKET = "RECONCILE_BUCKET";
  public static final String ROSTER_KEY = "ROSTER_KEY";
  public static final String MAX_OFFBOARD_PERCENT = "MAX_OFFBOARD_PERCENT";
  public static final String ALWAYS_ALLOWED_LEAVERS = "ALWAYS_ALLOWED_LEAVERS";

  static final String DEFAULT_ROLE_PATH = "/studio-lifecycle/";
  static final String DEFAULT_DEFAULT_POLICY = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";

  // IAM's path rule: "/" alone, or "/" + printable ASCII + "/", at most 512 characters.
  private static final Pattern ROLE_PATH_PATTERN = Pattern.compile("/|/[\\x21-\\x7E]{1,510}/");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern TOPIC =
      Pattern.compile("arn:aws[a-z\\-]*:sns:[a-z0-9\\-]+:\\d{12}:[A-Za-z0-9_\\-]{1,256}");
  // PutParameter's naming constraints: a-zA-Z0-9_.- and /, a hierarchy starting with /, no
  // aws or ssm prefix (checked below), at most 1011 characters.
  private static final Pattern PARAMETER_NAME = Pattern.compile("(/?[a-zA-Z0-9_.\\-]+)+");
  // StartExecution's and CreateStateMachine's name rule, as the state machine ARN's last part.
  // CreateTable's TableName rule.
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{3,255}");
  private static final Pattern STATE_MACHINE_NAME_RULE = Pattern.compile("[A-Za-z0-9_\\-]{1,80}");
  private static final Pattern STATE_MACHINE =
      Pattern.compile(
          "arn:aws[a-z\\-]*:states:[a-z0-9\\-]+:\\d{12}:stateMachine:[A-Za-z0-9_\\-]{1,80}");

  /** Identity Store API reference, IdentityStoreId's pattern. */
  private static final Pattern IDENTITY_STORE =
      Pattern.compile(
          "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Map<String, String> variables;

  private FunctionEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** Wraps a function's environment, for example {@code System.getenv()}. */
  public static FunctionEnvironment of(Map<String, String> variables) {
    if (variables == null) {
      throw new ConfigurationError("the function environment is missing");
    }
    return new FunctionEnvironment(variables);
  }

  /** {@code ROLE_PATH}: the IAM path of the roles this workflow creates. */
  public String rolePath() {
    String path = value(ROLE_PATH).orElse(DEFAULT_ROLE_PATH);
    if (!ROLE_PATH_PATTERN.matcher(path).matches()) {
      throw invalid(
          ROLE_PATH, "must be / or start and end with / (IAM path, at most 512 characters)");
    }
    return path;
  }

  /** {@code PERMISSIONS_BOUNDARY_ARN}: the boundary every created role carries. */
  public String permissionsBoundaryArn() {
    return requiredMatching(
        PERMISSIONS_BOUNDARY_ARN, FieldRules.POLICY_ARN, "must be an IAM policy ARN");
  }

  /** {@code AWS_ACCOUNT_ID}: the account roles are created in (the trust policy's condition). */
  public String accountId() {
    return requiredMatching(AWS_ACCOUNT_ID, ACCOUNT_ID, "must be 12 digits");
  }

  /** {@code ALLOWED_POLICY_ARNS}: the only managed policies a created role may get. */
  public List<String> allowedPolicyArns() {
    List<String> arns = policyList(ALLOWED_POLICY_ARNS, required(ALLOWED_POLICY_ARNS));
    if (arns.isEmpty()) {
      throw invalid(ALLOWED_POLICY_ARNS, "must list at least one policy ARN");
    }
    return arns;
  }

  /** {@code DEFAULT_POLICY_ARNS}: the managed policies every created role gets. */
  public List<String> defaultPolicyArns() {
    return policyList(
        DEFAULT_POLICY_ARNS, value(DEFAULT_POLICY_ARNS).orElse(DEFAULT_DEFAULT_POLICY));
  }

  /** {@code STATE_MACHINE_ARN}: the workflow StartWorkflow starts. */
  public String stateMachineArn() {
    return requiredMatching(
        STATE_MACHINE_ARN, STATE_MACHINE, "must be a Step Functions state machine ARN");
  }

  /** {@code NOTIFICATION_TOPIC_ARN}: where the workflow's notifications go. */
  public String notificationTopicArn() {
    return requiredMatching(NOTIFICATION_TOPIC_ARN, TOPIC, "must be an SNS topic ARN");
  }

  /**
   * {@code SERVED_DOMAIN_IDS}: the domains this stack serves (comma-separated); a request for any
   * other is refused before any call.
   */
  public Set<String> servedDomainIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : required(SERVED_DOMAIN_IDS).split(",")) {
      String trimmed = id.trim();
      if (!FieldRules.DOMAIN_ID.matcher(trimmed).matches()) {
        throw invalid(
            SERVED_DOMAIN_IDS,
            "every entry must fully match "
                + FieldRules.DOMAIN_ID.pattern()
                + ", got '"
                + trimmed
                + "'");
      }
      ids.add(trimmed);
    }
    return Set.copyOf(ids);
  }

  /**
   * {@code EVENT_ORDER_TABLE}: the DynamoDB table that keeps, per profile, the latest request
   * applied to it ({@code EventOrder}).
   */
  public String eventOrderTable() {
    return requiredMatching(
        EVENT_ORDER_TABLE,
        TABLE_NAME,
        "must be a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)");
  }

  /**
   * {@code STATE_MACHINE_NAME}: the name of the lifecycle state machine this function serves (its
   * ARN would make a circular reference in the template).
   */
  public String stateMachineName() {
    return requiredMatching(
        STATE_MACHINE_NAME,
        STATE_MACHINE_NAME_RULE,
        "must fully match " + STATE_MACHINE_NAME_RULE.pattern());
  }

  /**
   * {@code TEAM_SETTINGS_PARAMETER}: the Parameter Store parameter holding the team settings; empty
   * when the stack has none.
   */
  public Optional<String> teamSettingsParameter() {
    Optional<String> name = value(TEAM_SETTINGS_PARAMETER);
    if (name.isPresent()) {
      String bare = name.get().replaceFirst("^/", "").toLowerCase(java.util.Locale.ROOT);
      if (name.get().length() > 1011
          || !PARAMETER_NAME.matcher(name.get()).matches()
          || (name.get().contains("/") && !name.get().startsWith("/"))
          || bare.startsWith("aws")
          || bare.startsWith("ssm")) {
        throw invalid(
            TEAM_SETTINGS_PARAMETER,
            "must be a Parameter Store name (a-zA-Z0-9_.- and /, a hierarchy starting with /,"
                + " not prefixed aws or ssm)");
      }
    }
    return name;
  }

  /**
   * {@code RECONCILE_BUCKET}: the bucket of rosters, plans and Map Run reports (S3's bucket naming
   * rules: 3 to 63 of a-z 0-9 . -, starting and ending with a letter or digit).
   */
  public String reconcileBucket() {
    String name = required(RECONCILE_BUCKET);
    if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
      throw invalid(RECONCILE_BUCKET, "must be an S3 bucket name (3-63 of a-z 0-9 . -)");
    }
    return name;
  }

  /** {@code ROSTER_KEY}: the object key of the HR export a reconcile reads unless told another. */
  public String rosterKey() {
    String key = required(ROSTER_KEY);
    if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
      throw invalid(ROSTER_KEY, "must be an S3 object key (at most 1,024 bytes)");
    }
    return key;
  }

  /**
   * {@code MAX_OFFBOARD_PERCENT}: the largest share (0 to 100) of a domain's managed profiles one
   * reconcile may offboard unless the run says it is intended.
   */
  public double maxOffboardPercent() {
    String value = required(MAX_OFFBOARD_PERCENT);
    try {
      double percent = Double.parseDouble(value);
      if (percent >= 0 && percent <= 100) {
        return percent;
      }
    } catch (NumberFormatException e) {
      // Falls through to the refusal below.
    }
    throw invalid(MAX_OFFBOARD_PERCENT, "must be a number from 0 to 100, got '" + value + "'");
  }

  /**
   * {@code ALWAYS_ALLOWED_LEAVERS}: how many leavers of a domain one reconcile may offboard
   * whatever their share (0 to 10,000).
   */
  public int alwaysAllowedLeavers() {
    String value = required(ALWAYS_ALLOWED_LEAVERS);
    try {
      int count = Integer.parseInt(value);
      if (count >= 0 && count <= 10_000) {
        return count;
      }
    } catch (NumberFormatException e) {
      // Falls through to the refusal below.
    }
    throw invalid(
        ALWAYS_ALLOWED_LEAVERS, "must be a whole number from 0 to 10000, got '" + value + "'");
  }

  /** {@code DEFAULT_DOMAIN_ID}: the domain for HR events that name none, if configured. */
  public Optional<String> defaultDomainId() {
    return optionalMatching(
        DEFAULT_DOMAIN_ID,
        FieldRules.DOMAIN_ID,
        "must fully match " + FieldRules.DOMAIN_ID.pattern());
  }

  /**
   * {@code IDENTITY_STORE_ID}: the IAM Identity Center identity store that SSO domains' users are
   * looked up in; empty to use the one of the account's Identity Center instance.
   */
  public Optional<String> identityStoreId() {
    return optionalMatching(
        IDENTITY_STORE_ID,
        IDENTITY_STORE,
        "must be an identity store id (d- and 10 hex digits, or a UUID)");
  }

  /**
   * {@code LOGIN_SESSION_SECONDS}: how long a Studio session opened by a login URL lasts
   * (CreatePresignedDomainUrl's SessionExpirationDurationInSeconds, 1800 to 43200).
   */
  public int loginSessionSeconds() {
    return number(LOGIN_SESSION_SECONDS, 1800, 43200);
  }

  /**
   * {@code LOGIN_URL_EXPIRES_SECONDS}: how long a login URL can be used (CreatePresignedDomainUrl's
   * ExpiresInSeconds, 5 to 300).
   */
  public int loginUrlExpiresSeconds() {
    return number(LOGIN_URL_EXPIRES_SECONDS, 5, 300);
  }

  private int number(String name, int min, int max) {
    String raw = required(name);
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below.
    }
    throw invalid(name, "must be a whole number from " + min + " to " + max);
  }

  private Optional<String> value(String name) {
    String raw = variables.get(name);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(raw.trim());
  }

  private String required(String name) {
    return value(name)
        .orElseThrow(() -> new ConfigurationError("environment variable " + name + " is required"));
  }

  /** The variable {@code name}, which must fully match {@code pattern}; else {@code rule}. */
  private String requiredMatching(String name, Pattern pattern, String rule) {
    return optionalMatching(name, pattern, rule).orElseGet(() -> required(name));
  }

  /** The variable {@code name} if set, which must then fully match {@code pattern}. */
  private Optional<String> optionalMatching(String name, Pattern pattern, String rule) {
    Optional<String> value = value(name);
    if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
      throw invalid(name, rule);
    }
    return value;
  }

  private static List<String> policyList(String name, String raw) {
    List<String> arns =
        Arrays.stream(raw.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    for (String arn : arns) {
      if (!FieldRules.POLICY_ARN.matcher(arn).matches()) {
        throw invalid(name, "'" + arn + "' is not an IAM policy ARN");
      }
    }
    return arns;
  }

  private static ConfigurationError invalid(String name, String rule) {
    return new ConfigurationError("environment variable " + name + ": " + rule);
  }
}
