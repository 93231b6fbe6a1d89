package dev.studiolifecycle.local.emulator;

import java.util.Optional;

/**
 * The KMS key a service encrypts with, as a request or a template names it (a key id, key ARN or
 * alias). The local runtime knows no KMS aliases but the AWS managed key of the service itself
 * ({@code alias/aws/sns}, {@code alias/aws/s3}), whose key policy lets every principal of the
 * account use it through that service: a call under it needs no key permission of its own.
 */
public final class KmsKeys {

  private KmsKeys() {}

  /**
   * The ARN of the customer managed key {@code key} names, or empty for {@code service}'s AWS
   * managed key.
   *
   * @param service the encrypting service's alias name, {@code sns} or {@code s3}
   * @throws IllegalArgumentException for another alias: a key the local runtime cannot know
   */
  public static Optional<String> customerKeyArn(String key, String service) {
    String managed = "alias/aws/" + service;
    if (key.equals(managed) || key.endsWith(":" + managed)) {
      return Optional.empty();
    }
    if (key.startsWith("arn:") && key.contains(":key/")) {
      return Optional.of(key);
    }
    if (key.startsWith("alias/") || key.contains(":alias/")) {
      throw new IllegalArgumentException(
          "Invalid keyId "
              + key
              + " (the local runtime knows no KMS alias but "
              + managed
              + ": name the key by its id or ARN)");
    }
    return Optional.of(RequestRegion.arn("kms", "key/" + key));
  }
}
