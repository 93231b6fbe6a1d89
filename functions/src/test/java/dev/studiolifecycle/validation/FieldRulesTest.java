package dev.studiolifecycle.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "jane-doe", "Jane--Doe9"})
  void acceptsSageMakerNames(String name) {
    assertThat(FieldRules.fullMatch(FieldRules.NAME, name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-jane", "jane-", "jane_doe", "jane.doe", "jane doe"})
  void rejectsOtherNamesQuotingThePattern(String name) {
    assertThat(FieldRules.fullMatch(FieldRules.NAME, name))
        .contains("must fully match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"d-abc123def456", "d-a", "d-a--b"})
  void acceptsDomainIds(String id) {
    assertThat(FieldRules.fullMatch(FieldRules.DOMAIN_ID, id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc123", "d-", "d-ABC", "d-abc_1", "xd-abc"})
  void rejectsOtherDomainIds(String id) {
    assertThat(FieldRules.fullMatch(FieldRules.DOMAIN_ID, id)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::123456789012:role/studio-jane-doe",
        "arn:aws:iam::123456789012:role/service-role/SageMaker+Role=1,a.b@c",
        "arn:aws-us-gov:iam::123456789012:role/x"
      })
  void acceptsRoleArns(String arn) {
    assertThat(FieldRules.fullMatch(FieldRules.ROLE_ARN, arn)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::12345678901:role/x",
        "arn:aws:iam::123456789012:user/x",
        "arn:aws:iam::123456789012:role",
        "arn:aws:iam::123456789012:role/bad role"
      })
  void rejectsOtherRoleArns(String arn) {
    assertThat(FieldRules.fullMatch(FieldRules.ROLE_ARN, arn)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
        "arn:aws:iam::123456789012:policy/team/S3Reader"
      })
  void acceptsPolicyArns(String arn) {
    assertThat(FieldRules.fullMatch(FieldRules.POLICY_ARN, arn)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"arn:aws:iam::aws:role/x", "AmazonSageMakerFullAccess"})
  void rejectsOtherPolicyArns(String arn) {
    assertThat(FieldRules.fullMatch(FieldRules.POLICY_ARN, arn)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu",
        "arn:aws-cn:sagemaker:cn-north-1:123456789012:image/my.image-1"
      })
  void acceptsImageArns(String arn) {
    assertThat(FieldRules.fullMatch(FieldRules.IMAGE_ARN, arn)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:sagemaker:us-east-1:081325390199:app/x",
        "arn:aws:sagemaker:us-east-1:0813:image/x",
        "arn:aws:sagemaker:us-east-1:081325390199:image/-x"
      })
  void rejectsOtherImageArns(String arn) {
    assertThat(FieldRules.fullMatch(FieldRules.IMAGE_ARN, arn)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"system", "ml.t3.medium", "ml.g5.12xlarge", "ml.trn1.32xlarge"})
  void acceptsInstanceTypes(String type) {
    assertThat(FieldRules.fullMatch(FieldRules.INSTANCE_TYPE, type)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"t3.medium", "ml.t3", "ML.T3.MEDIUM", "ml.t3.medium "})
  void rejectsOtherInstanceTypes(String type) {
    assertThat(FieldRules.fullMatch(FieldRules.INSTANCE_TYPE, type)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "ml-team.datasets-2026", "a.b-c"})
  void acceptsBucketNames(String name) {
    assertThat(FieldRules.bucketName(name)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ab|must be 3-63 characters",
        "My-Bucket|may contain only lowercase letters, digits, dots and hyphens",
        "my_bucket|may contain only lowercase letters, digits, dots and hyphens",
        "-bucket|must start and end with a letter or digit",
        "bucket.|must start and end with a letter or digit",
        "my..bucket|must not contain two adjacent dots",
        "192.168.5.4|must not be formatted as an IP address",
        "xn--bucket|must not start with the reserved prefix xn--",
        "sthree-bucket|must not start with the reserved prefix sthree-",
        "bucket-s3alias|must not end with the reserved suffix -s3alias",
        "bucket--ol-s3|must not end with the reserved suffix --ol-s3"
      })
  void rejectsBadBucketNamesWithTheRule(String name, String rule) {
    assertThat(FieldRules.bucketName(name)).contains(rule);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jane.doe@example.com",
        "a+b@sub.example.org",
        "o'brien@example.ie",
        "x_y-z@mail-1.example.co.uk",
        "j@xn--bcher-kva.example"
      })
  void acceptsEmailAddresses(String email) {
    assertThat(FieldRules.email(email)).isEmpty();
  }

  private static final String ADDRESS = "must be an e-mail address (local-part@domain)";
  private static final String DOMAIN =
      "must have a domain of at least two labels, ending in a top-level domain";
  private static final String LABELS =
      "must have domain labels of letters, digits and inner hyphens";
  private static final String LOCAL_PART =
      "must have a local part of letters, digits and !#$%&'*+-/=?^_`{|}~, in dot-separated runs";

  static Stream<Arguments> badEmails() {
    return Stream.of(
        Arguments.of("jane.doe", ADDRESS),
        Arguments.of("@example.com", ADDRESS),
        Arguments.of("jane@@example.com", ADDRESS),
        Arguments.of("jane@localhost", DOMAIN),
        Arguments.of("jane@example.c0m", DOMAIN),
        Arguments.of("jane@-example.com", LABELS),
        Arguments.of("jane@exa_mple.com", LABELS),
        Arguments.of("jane@[192.0.2.1]", LABELS),
        Arguments.of("\"jane\"@example.com", LOCAL_PART),
        Arguments.of("<b>jane</b>@example.com", LOCAL_PART),
        Arguments.of(".jane@example.com", LOCAL_PART),
        Arguments.of("jane..doe@example.com", LOCAL_PART),
        Arguments.of(
            "jäne@example.com", "must be ASCII (internationalized addresses are not accepted)"));
  }

  /** RFC 5321 section 4.5.3.1 (sizes) and RFC 5322 section 3.4.1 (dot-atom local parts). */
  @ParameterizedTest
  @MethodSource("badEmails")
  void rejectsOtherEmailsNamingTheRuleWithoutRepeatingThem(String email, String rule) {
    assertThat(FieldRules.email(email)).contains(rule);
  }

  @Test
  void rejectsControlCharactersAndNulInEmails() {
    String rule = "must not contain spaces or control characters";
    assertThat(FieldRules.email("jane doe@example.com")).contains(rule);
    assertThat(FieldRules.email("jane\u0000@example.com")).contains(rule);
    assertThat(FieldRules.email("jane@example.com\n")).contains(rule);
    assertThat(FieldRules.email("jane\u007f@example.com")).contains(rule);
  }

  @Test
  void limitsTheSizesOfAnEmailAddress() {
    assertThat(FieldRules.email("j".repeat(65) + "@example.com"))
        .contains("must have a local part of at most 64 characters");
    assertThat(FieldRules.email("j@" + "a".repeat(64) + ".com"))
        .contains("must have domain labels of at most 63 characters");
    String longDomain = ("a".repeat(60) + ".").repeat(5) + "com";
    assertThat(FieldRules.email("j@" + longDomain)).contains("must be at most 254 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe", "jane.doe@example.com", "JDoe"})
  void acceptsUserNames(String name) {
    assertThat(FieldRules.userName(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jane doe", "jane\tdoe"})
  void rejectsUserNamesWithSpacesOrEmpty(String name) {
    assertThat(FieldRules.userName(name)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"team", "cost-center", "Projekt Übersicht", "a:b/c=d+e@f"})
  void acceptsTagKeys(String key) {
    assertThat(FieldRules.tagKey(key)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "aws:owner|must not start with aws: (reserved by AWS)",
        "AWS:owner|must not start with aws: (reserved by AWS)",
        "team#1|must fully match [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"
      })
  void rejectsBadTagKeysWithTheRule(String key, String rule) {
    assertThat(FieldRules.tagKey(key)).contains(rule);
  }

  @Test
  void limitsNamesTo63Characters() {
    assertThat(FieldRules.fullMatch(FieldRules.NAME, "x".repeat(63))).isEmpty();
    assertThat(FieldRules.fullMatch(FieldRules.NAME, "x".repeat(64))).isPresent();
  }

  @Test
  void limitsBucketNamesTo63Characters() {
    assertThat(FieldRules.bucketName("b".repeat(63))).isEmpty();
    assertThat(FieldRules.bucketName("b".repeat(64))).contains("must be 3-63 characters");
  }

  @Test
  void limitsTagKeysTo128AndValuesTo256Characters() {
    assertThat(FieldRules.tagKey("k".repeat(128))).isEmpty();
    assertThat(FieldRules.tagKey("k".repeat(129))).contains("must be 1-128 characters");
    assertThat(FieldRules.tagKey("")).contains("must be 1-128 characters");
    assertThat(FieldRules.tagValue("")).isEmpty();
    assertThat(FieldRules.tagValue("v".repeat(256))).isEmpty();
    assertThat(FieldRules.tagValue("v".repeat(257))).contains("must be at most 256 characters");
    assertThat(FieldRules.tagValue("a;b")).isPresent();
  }
}
