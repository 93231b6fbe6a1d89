package dev.studiolifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.model.CreateLoginUrlInput;
import dev.studiolifecycle.model.LoginUrl;
import dev.studiolifecycle.service.LoginUrls;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import java.util.Map;

/**
 * CreateLoginUrl: a presigned Studio URL for one profile of an IAM domain (see {@link LoginUrls}),
 * for an operator ({@code aws lambda invoke}) or a portal. The URL is returned, never logged.
 */
public final class CreateLoginUrlHandler
    extends RequestStepHandler<LoginUrls, CreateLoginUrlInput, LoginUrl> {

  /** Called by Lambda. */
  public CreateLoginUrlHandler() {
    this(System.getenv());
  }

  /** Builds the handler for a function environment; the local runtime calls this one. */
  public CreateLoginUrlHandler(Map<String, String> environment) {
    this(FunctionEnvironment.of(environment));
  }

  private CreateLoginUrlHandler(FunctionEnvironment environment) {
    this(
        new LoginUrls(
            AwsClientFactory.sageMaker(),
            environment.servedDomainIds(),
            environment.loginSessionSeconds(),
            environment.loginUrlExpiresSeconds()));
  }

  /** For tests: a ready service. */
  public CreateLoginUrlHandler(LoginUrls service) {
    super("CreateLoginUrl", service);
  }

  @Override
  protected LoginUrl work(CreateLoginUrlInput input, Context context) {
    return service.create(input);
  }
}
