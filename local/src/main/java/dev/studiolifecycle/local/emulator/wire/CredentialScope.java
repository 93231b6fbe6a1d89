package dev.studiolifecycle.local.emulator.wire;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 credential scope of a request ({@code AKID/20260105/us-east-1/sagemaker/aws4_request}).
 * The emulator routes by its service name and never checks the signature.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

  private static final Pattern HEADER =
      Pattern.compile("Credential=([^/,\\s]+)/([^/,\\s]+)/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final Pattern PRESIGNED =
      Pattern.compile("([^/]+)/([^/]+)/([^/]+)/([^/]+)/aws4_request");

  /** From the {@code Authorization} header, else from a presigned URL's X-Amz-Credential. */
  public static Optional<CredentialScope> of(String authorization, Map<String, String> query) {
    if (authorization != null) {
      Matcher matcher = HEADER.matcher(authorization);
      if (matcher.find()) {
        return Optional.of(from(matcher));
      }
    }
    String presigned = query.get("X-Amz-Credential");
    if (presigned != null) {
      Matcher matcher = PRESIGNED.matcher(presigned);
      if (matcher.matches()) {
        return Optional.of(from(matcher));
      }
    }
    return Optional.empty();
  }

  private static CredentialScope from(Matcher matcher) {
    return new CredentialScope(
        matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
  }
}
