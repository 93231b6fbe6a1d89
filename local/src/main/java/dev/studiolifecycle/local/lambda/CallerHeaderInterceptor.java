package dev.studiolifecycle.local.lambda;

import dev.studiolifecycle.local.emulator.ServiceRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Tags every AWS SDK request made while a template function runs in-process with the function's
 * logical id, in the header the emulator records ({@value ServiceRequest#CALLER_HEADER}). The SDK
 * loads it as a global interceptor from {@code software/amazon/awssdk/global/handlers/
 * execution.interceptors}, so the handlers' own clients carry the tag with no change to their code;
 * requests made outside a function go out untouched.
 */
public final class CallerHeaderInterceptor implements ExecutionInterceptor {

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
    return CallerContext.current()
        .map(
            caller ->
                context.httpRequest().toBuilder()
                    .putHeader(ServiceRequest.CALLER_HEADER, caller)
                    .build())
        .orElse(context.httpRequest());
  }
}
