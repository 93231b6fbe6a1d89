package dev.studiolifecycle.local.lambda;

import dev.studiolifecycle.aws.HttpRequestHook;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * {@link CallerHeaderInterceptor} for the functions' own awsJson client (Identity Center), which is
 * no SDK client: loaded by {@link java.util.ServiceLoader} from {@code
 * META-INF/services/dev.studiolifecycle.aws.HttpRequestHook}.
 */
public final class CallerHeaderHook implements HttpRequestHook {

  @Override
  public SdkHttpRequest beforeSigning(SdkHttpRequest request) {
    return CallerContext.current()
        .map(caller -> request.toBuilder().putHeader(ServiceRequest.CALLER_HEADER, caller).build())
        .orElse(request);
  }
}
