package dev.studiolifecycle.service.config;

import dev.studiolifecycle.aws.AwsClientFactory;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Parameter Store as the functions read it: a parameter's value by name, empty when there is none.
 */
public final class ParameterStore {

  private ParameterStore() {}

  /**
   * Through Powertools, which keeps a value 5 seconds (its default), so a warm function reads a
   * changed team setting within seconds and a burst of requests reads it once.
   */
  public static Function<String, Optional<String>> cached() {
    SSMProvider provider = SSMProvider.builder().withClient(AwsClientFactory.ssm()).build();
    return name -> {
      try {
        return Optional.of(provider.get(name));
      } catch (ParameterNotFoundException e) {
        return Optional.empty();
      }
    };
  }
}
