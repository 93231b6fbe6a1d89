package dev.studiolifecycle.aws;

import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * What the SDK's global execution interceptors are to SDK clients, for {@link AwsJsonClient}: every
 * hook that {@link java.util.ServiceLoader} finds may change each request before it is signed. None
 * is installed on AWS; the local runtime installs one that names the calling function in a header,
 * as its SDK interceptor does for the SDK clients.
 */
public interface HttpRequestHook {

  SdkHttpRequest beforeSigning(SdkHttpRequest request);
}
