package dev.studiolifecycle.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.service.EventOrder;
import dev.studiolifecycle.service.IdentityCenterDirectory;
import dev.studiolifecycle.service.RunningLifecycles;
import dev.studiolifecycle.service.TeamSettings;
import dev.studiolifecycle.service.ValidationService;
import dev.studiolifecycle.validation.RequestSchema;
import dev.studiolifecycle.validation.RequestValidator;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Mocked clients, and services built on them, shared by unit tests. */
public final class Mocks {

  private Mocks() {}

  /**
   * A DynamoDB client whose event-order table holds no record and admits every request: for unit
   * tests of Validate that are not about the order (the local module proves the order itself
   * against the emulator).
   */
  public static DynamoDbClient acceptingDynamoDb() {
    DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());
    when(dynamoDb.updateItem(any(UpdateItemRequest.class)))
        .thenReturn(UpdateItemResponse.builder().build());
    return dynamoDb;
  }

  /**
   * Validate's service on mocked SageMaker and Step Functions clients, serving {@link
   * RequestBuilder#DOMAIN}, with no team settings and an event order that admits every request.
   */
  public static ValidationService validation(SageMakerClient sageMaker, SfnClient stepFunctions) {
    RequestValidator validator = new RequestValidator(RequestSchema.load());
    return new ValidationService(
        validator,
        sageMaker,
        Set.of(RequestBuilder.DOMAIN),
        new RunningLifecycles(stepFunctions, "StudioUserLifecycle"),
        new TeamSettings(name -> Optional.empty(), null, validator),
        new EventOrder(acceptingDynamoDb(), "event-order"),
        everyoneInIdentityCenter());
  }

  /**
   * An IAM Identity Center directory where every user name is a user (id {@code user-<name>}), for
   * unit tests of Validate that are not about the directory (the local module proves the lookups
   * and the refusal of an unknown user against the emulator).
   */
  public static IdentityCenterDirectory everyoneInIdentityCenter() {
    IdentityCenterDirectory directory = mock(IdentityCenterDirectory.class);
    when(directory.identityStoreId()).thenReturn("d-1234567890");
    when(directory.userId(anyString()))
        .thenAnswer(call -> Optional.of("user-" + call.getArgument(0)));
    return directory;
  }
}
