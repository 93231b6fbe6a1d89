package dev.studiolifecycle.local.asl.task;

import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The task resources a local run can call: Lambda functions (both forms), SNS Publish, nested
 * executions (states:startExecution.sync and .sync:2) and the AWS SDK integrations that someone
 * registered. Anything else is refused before the execution starts, naming the state and the
 * resource.
 */
public final class ServiceIntegrations implements TaskInvoker {

  private final LambdaInvokeIntegration lambda;
  private final SnsPublishIntegration sns;
  private final Map<String, AwsSdkIntegration> awsSdk;
  private final StartExecutionSyncIntegration startExecution;

  private ServiceIntegrations(Builder builder) {
    this.lambda = builder.functions == null ? null : new LambdaInvokeIntegration(builder.functions);
    this.sns = builder.sns == null ? null : new SnsPublishIntegration(builder.sns);
    this.awsSdk = Map.copyOf(builder.awsSdk);
    this.startExecution =
        builder.sfn == null
            ? null
            : new StartExecutionSyncIntegration(builder.sfn, builder.executionEnds);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<String> check(TaskState state) {
    TaskResource resource = state.resource();
    String where = "State '" + state.name() + "', field 'Resource': ";
    List<String> problems = new ArrayList<>();
    if (resource instanceof TaskResource.LambdaInvoke
        || resource instanceof TaskResource.LambdaFunction) {
      if (lambda == null) {
        problems.add(
            where
                + resource.arn()
                + " needs Lambda functions, and this runtime has "
                + "none (give a template)");
      } else {
        problems.addAll(lambda.check(state));
      }
    } else if (resource instanceof TaskResource.ServiceIntegration service
        && service.service().equals("sns")
        && service.action().equals("publish")) {
      if (sns == null) {
        problems.add(where + resource.arn() + " is not supported in this runtime (no SNS client)");
      } else {
        problems.addAll(sns.check(state));
      }
    } else if (resource instanceof TaskResource.StartExecutionSync) {
      if (startExecution == null) {
        problems.add(
            where
                + resource.arn()
                + " is not supported in this runtime (no Step Functions client)");
      } else {
        problems.addAll(startExecution.check(state));
      }
    } else if (resource instanceof TaskResource.AwsSdk sdk) {
      problems.addAll(checkAwsSdk(state, sdk, where));
    } else {
      problems.add(
          where
              + resource.arn()
              + " is not supported by the local interpreter "
              + "(it runs lambda:invoke, Lambda function ARNs, sns:publish, "
              + "states:startExecution.sync(:2) and registered aws-sdk integrations)");
    }
    return problems;
  }

  /** An aws-sdk task: a registered integration of its service that implements its action. */
  private List<String> checkAwsSdk(TaskState state, TaskResource.AwsSdk sdk, String where) {
    AwsSdkIntegration integration = awsSdk.get(sdk.service());
    if (integration == null) {
      return List.of(
          where
              + sdk.arn()
              + " is not supported in this runtime: no AWS SDK "
              + "integration is registered for '"
              + sdk.service()
              + "'");
    }
    if (!integration.supports(sdk.action())) {
      return List.of(
          where
              + sdk.arn()
              + " is not supported in this runtime: the '"
              + sdk.service()
              + "' integration does not implement '"
              + sdk.action()
              + "'");
    }
    return integration.check(state);
  }

  @Override
  public TaskOutcome invoke(TaskInvocation invocation) {
    TaskResource resource = invocation.resource();
    if ((resource instanceof TaskResource.LambdaInvoke
            || resource instanceof TaskResource.LambdaFunction)
        && lambda != null) {
      return lambda.invoke(invocation);
    }
    if (resource instanceof TaskResource.ServiceIntegration service
        && sns != null
        && service.service().equals("sns")
        && service.action().equals("publish")) {
      return sns.invoke(invocation);
    }
    if (resource instanceof TaskResource.StartExecutionSync && startExecution != null) {
      return startExecution.invoke(invocation);
    }
    if (resource instanceof TaskResource.AwsSdk sdk && awsSdk.containsKey(sdk.service())) {
      return awsSdk.get(sdk.service()).call(sdk.action(), invocation.parameters());
    }
    // check() refuses these before an execution starts; reaching here is a caller's bug.
    throw new IllegalStateException("no integration for " + resource.arn());
  }

  /** Chooses the integrations a runtime offers. */
  public static final class Builder {
    private LambdaFunctions functions;
    private Supplier<SnsClient> sns;
    private final Map<String, AwsSdkIntegration> awsSdk = new LinkedHashMap<>();
    private Supplier<SfnClient> sfn;
    private ExecutionEnds executionEnds;

    private Builder() {}

    /**
     * states:startExecution.sync(:2) starts executions with this client and learns of their end
     * from {@code ends}.
     */
    public Builder startExecution(Supplier<SfnClient> client, ExecutionEnds ends) {
      this.sfn = memoize(Objects.requireNonNull(client, "client"));
      this.executionEnds = Objects.requireNonNull(ends, "ends");
      return this;
    }

    /** Lambda tasks call these functions. */
    public Builder lambda(LambdaFunctions functions) {
      this.functions = Objects.requireNonNull(functions, "functions");
      return this;
    }

    /** sns:publish uses this client (created on first use). */
    public Builder sns(Supplier<SnsClient> client) {
      this.sns = memoize(Objects.requireNonNull(client, "client"));
      return this;
    }

    /**
     * sns:publish uses a client built from the SDK's standard configuration (region, endpoint and
     * credentials from system properties, environment or profile) with the URL-connection HTTP
     * client, built on first use.
     */
    public Builder snsFromStandardConfiguration() {
      return sns(
          () -> SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    /** {@code arn:aws:states:::aws-sdk:<service>:*} tasks call this integration. */
    public Builder awsSdk(String service, AwsSdkIntegration integration) {
      awsSdk.put(
          Objects.requireNonNull(service, "service"),
          Objects.requireNonNull(integration, "integration"));
      return this;
    }

    public ServiceIntegrations build() {
      return new ServiceIntegrations(this);
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
      return new Supplier<>() {
        private T value;

        @Override
        public synchronized T get() {
          if (value == null) {
            value = supplier.get();
          }
          return value;
        }
      };
    }
  }
}
