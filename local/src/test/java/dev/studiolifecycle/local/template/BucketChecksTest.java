package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What S3 refuses of a bucket's settings (Amazon S3 API Reference). */
class BucketChecksTest {

  private static JsonNode json(String text) {
    try {
      return LocalJson.MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theReconcileBucketsSettingsAreTaken() {
    assertThatCode(
            () ->
                BucketChecks.check(
                    json(
                        "{'BucketEncryption': {'ServerSideEncryptionConfiguration':"
                            + " [{'ServerSideEncryptionByDefault': {'SSEAlgorithm': 'AES256'}}]},"
                            + " 'OwnershipControls': {'Rules': [{'ObjectOwnership':"
                            + " 'BucketOwnerEnforced'}]}, 'VersioningConfiguration': {'Status':"
                            + " 'Enabled'}, 'LifecycleConfiguration': {'Rules': [{'Id': 'Old',"
                            + " 'Status': 'Enabled', 'Prefix': '', 'NoncurrentVersionExpiration':"
                            + " {'NoncurrentDays': 30}}, {'Id': 'Plans', 'Status': 'Enabled',"
                            + " 'Prefix': 'plans/', 'ExpirationInDays': 90}]}}"),
                    "Resources.Bucket"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'BucketEncryption': {'ServerSideEncryptionConfiguration':"
            + " [{'ServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms:sse'}}]}}"
            + " | .BucketEncryption.ServerSideEncryptionConfiguration[0]"
            + ".ServerSideEncryptionByDefault.SSEAlgorithm: must be one of AES256, aws:kms,"
            + " aws:kms:dsse, got aws:kms:sse",
        "{'VersioningConfiguration': {'Status': 'Disabled'}} | .VersioningConfiguration.Status:"
            + " must be one of Enabled, Suspended, got Disabled",
        "{'LifecycleConfiguration': {'Rules': [{'Id': 'A', 'ExpirationInDays': 90}]}}"
            + " | .LifecycleConfiguration.Rules[0].Status: is required (Enabled or Disabled)",
        "{'LifecycleConfiguration': {'Rules': [{'Id': 'A', 'Status': 'Enabled', 'Prefix':"
            + " 'a/'}]}} | .LifecycleConfiguration.Rules[0]: a rule needs an action",
        "{'LifecycleConfiguration': {'Rules': [{'Id': 'A', 'Status': 'Enabled',"
            + " 'ExpirationInDays': 0}]}} | .LifecycleConfiguration.Rules[0].ExpirationInDays:"
            + " must be a positive number of days",
        "{'LifecycleConfiguration': {'Rules': [{'Id': 'A', 'Status': 'Enabled',"
            + " 'ExpirationInDays': 9}, {'Id': 'A', 'Status': 'Enabled', 'ExpirationInDays':"
            + " 90}]}} | .LifecycleConfiguration.Rules[1].Id: 'A' must be at most 255 characters"
            + " and unique among the rules",
      })
  void s3Refuses(String properties, String message) {
    assertThatThrownBy(() -> BucketChecks.check(json(properties), "Resources.Bucket"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Resources.Bucket.Properties" + message.strip());
  }
}
