package dev.studiolifecycle.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.utils.IoUtils;

/**
 * A client for the two awsJson1_1 services whose SDK modules this project cannot get: the Identity
 * Store and IAM Identity Center's SSO admin. It is configured as the SDK clients are (region,
 * credentials, endpoint and attempts from the SDK's standard settings: {@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_<SERVICE>} then {@code AWS_ENDPOINT_URL}, {@code aws.maxAttempts}, ...), signs
 * with the SDK's own SigV4 signer (after any {@link HttpRequestHook}), sends through the
 * URL-connection HTTP client, retries as the SDK's standard retry strategy says, and throws AWS's
 * errors as {@link AwsServiceException}s, so that {@link AwsErrorTranslator} and {@link
 * AwsErrorCodes} read them as they read the SDK's (the error's whole JSON body is its {@code
 * awsErrorDetails().rawResponse()}, for modelled members).
 */
public final class AwsJsonClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<HttpRequestHook> HOOKS =
      ServiceLoader.load(HttpRequestHook.class, AwsJsonClient.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .toList();

  /**
   * What the client needs of a service's model: the endpoint prefix and signing name, the {@code
   * X-Amz-Target} prefix, and the service id that names its endpoint settings.
   */
  record Service(String endpointPrefix, String signingName, String targetPrefix, String serviceId) {

    /** {@code AWS_ENDPOINT_URL_<SERVICE ID>}: upper case, spaces as underscores. */
    String endpointVariable() {
      return "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    /** {@code aws.endpointUrl<ServiceId>}: the service id in upper camel case, spaces removed. */
    String endpointProperty() {
      StringBuilder name = new StringBuilder("aws.endpointUrl");
      for (String word : serviceId.split(" ")) {
        name.append(Character.toUpperCase(word.charAt(0)))
            .append(word.substring(1).toLowerCase(Locale.ROOT));
      }
      return name.toString();
    }
  }

  static final Service IDENTITY_STORE =
      new Service("identitystore", "identitystore", "AWSIdentityStore", "identitystore");
  static final Service SSO_ADMIN = new Service("sso", "sso", "SWBExternalService", "SSO Admin");

  private final Service service;
  private final Region region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final RetryStrategy retries;

  AwsJsonClient(Service service, Region region, URI endpoint, AwsCredentialsProvider credentials) {
    this.service = service;
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.http = UrlConnectionHttpClient.create();
    this.retries =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(SdkSystemSetting.AWS_MAX_ATTEMPTS.getIntegerValue().orElse(3))
            .build();
  }

  /** The Identity Store ({@code identitystore:*}), configured from the SDK's standard settings. */
  public static AwsJsonClient identityStore() {
    return standard(IDENTITY_STORE);
  }

  /** IAM Identity Center's SSO admin ({@code sso:*}), configured as {@link #identityStore}. */
  public static AwsJsonClient ssoAdmin() {
    return standard(SSO_ADMIN);
  }

  private static AwsJsonClient standard(Service service) {
    Region region = DefaultAwsRegionProviderChain.builder().build().getRegion();
    return new AwsJsonClient(
        service, region, endpoint(service, region), DefaultCredentialsProvider.builder().build());
  }

  /**
   * The service's endpoint: its own setting, then the global one (system property before
   * environment variable, as the SDK reads them), else AWS's public endpoint in the region.
   */
  static URI endpoint(Service service, Region region) {
    return setting(service.endpointProperty(), service.endpointVariable())
        .or(() -> setting("aws.endpointUrl", "AWS_ENDPOINT_URL"))
        .map(URI::create)
        .orElseGet(
            () ->
                URI.create(
                    "https://"
                        + service.endpointPrefix()
                        + "."
                        + region.id()
                        + "."
                        + region.metadata().partition().dnsSuffix()));
  }

  private static Optional<String> setting(String property, String variable) {
    return Optional.ofNullable(System.getProperty(property))
        .or(() -> Optional.ofNullable(System.getenv(variable)))
        .filter(value -> !value.isBlank());
  }

  /** Calls {@code operation} with {@code input}; returns the response's JSON object. */
  public JsonNode call(String operation, ObjectNode input) {
    byte[] body = writeBody(input);
    RetryToken token =
        retries
            .acquireInitialToken(AcquireInitialTokenRequest.create(service.signingName()))
            .token();
    while (true) {
      try {
        JsonNode result = attempt(operation, body);
        retries.recordSuccess(RecordSuccessRequest.create(token));
        return result;
      } catch (AwsServiceException | SdkClientException failure) {
        Duration delay;
        try {
          var refreshed =
              retries.refreshRetryToken(
                  RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
          token = refreshed.token();
          delay = refreshed.delay();
        } catch (TokenAcquisitionFailedException noMore) {
          throw failure;
        }
        pause(delay);
      }
    }
  }

  private JsonNode attempt(String operation, byte[] body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath("/")
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", service.targetPrefix() + "." + operation)
            .putHeader("Content-Length", Integer.toString(body.length))
            .build();
    for (HttpRequestHook hook : HOOKS) {
      request = hook.beforeSigning(request);
    }
    SdkHttpRequest unsigned = request;
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials.resolveCredentials())
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    ExecutableHttpRequest call =
        http.prepareRequest(
            HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build());
    try {
      HttpExecuteResponse response = call.call();
      int status = response.httpResponse().statusCode();
      byte[] content = read(response.responseBody().orElse(null));
      String requestId =
          response.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null);
      if (status / 100 == 2) {
        return content.length == 0 ? JSON.createObjectNode() : JSON.readTree(content);
      }
      throw error(
          status,
          content,
          requestId,
          response.httpResponse().firstMatchingHeader("x-amzn-ErrorType"));
    } catch (IOException e) {
      throw SdkClientException.builder()
          .message(
              "could not call " + service.serviceId() + " " + operation + ": " + e.getMessage())
          .cause(e)
          .build();
    }
  }

  /**
   * AWS's error as the SDK would throw it: the code from {@code x-amzn-ErrorType} or the body's
   * {@code __type} (without a namespace before {@code #} or anything after {@code :}), the message
   * from {@code message} or {@code Message}.
   */
  private AwsServiceException error(
      int status, byte[] content, String requestId, Optional<String> errorTypeHeader) {
    JsonNode body;
    try {
      body = content.length == 0 ? JSON.createObjectNode() : JSON.readTree(content);
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    String type = errorTypeHeader.orElse(body.path("__type").asText(""));
    String code = type.substring(type.indexOf('#') + 1);
    code = code.contains(":") ? code.substring(0, code.indexOf(':')) : code;
    String message = body.path("message").asText(body.path("Message").asText(null));
    String described =
        message
            + " (Service: "
            + service.serviceId()
            + ", Status Code: "
            + status
            + ", Request ID: "
            + requestId
            + ")";
    return AwsServiceException.builder()
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code.isEmpty() ? "HTTP " + status : code)
                .errorMessage(message)
                .serviceName(service.serviceId())
                .rawResponse(SdkBytes.fromByteArray(content))
                .build())
        .statusCode(status)
        .requestId(requestId)
        .message(described)
        .build();
  }

  private static byte[] writeBody(ObjectNode input) {
    try {
      return JSON.writeValueAsBytes(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return IoUtils.toByteArray(in);
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.create("interrupted while waiting to retry", e);
    }
  }

  /** A request body to fill: {@code client.call("GetUserId", body)}. */
  public static ObjectNode body() {
    return JSON.createObjectNode();
  }

  @Override
  public void close() {
    http.close();
  }
}
