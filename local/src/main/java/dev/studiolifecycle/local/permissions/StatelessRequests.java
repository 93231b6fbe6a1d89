package dev.studiolifecycle.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.dynamodb.DynamoDbService;
import dev.studiolifecycle.local.emulator.ssm.SsmService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM requests of the calls whose authorization needs nothing the emulator holds (no role's
 * tags, no space's owner): SNS, Step Functions, Parameter Store, DynamoDB, the Identity Store, SSO
 * admin, S3 and STS, each read from the call's own parameters as the Service Authorization
 * Reference names the resources.
 */
final class StatelessRequests {

  private StatelessRequests() {}

  static List<IamRequest> of(RecordedCall call) {
    return switch (call.service()) {
      case "sns" -> List.of(request(call, snsResource(call), Map.of()));
      case "states" -> stepFunctions(call);
      // Service Authorization Reference, Systems Manager: GetParameter and PutParameter act on
      // the parameter.
      case "ssm" ->
          List.of(request(call, SsmService.arn(call.parameters().path("Name").asText()), Map.of()));
      // Service Authorization Reference, DynamoDB: GetItem and UpdateItem act on the table.
      case "dynamodb" ->
          List.of(
              request(
                  call,
                  DynamoDbService.arn(call.parameters().path("TableName").asText()),
                  Map.of()));
      case "identitystore" -> identityStore(call);
      case "sso" -> ssoAdmin(call);
      case "s3" -> List.of(request(call, s3Resource(call), s3Context(call)));
      case "sts" -> List.of();
      default ->
          throw new IllegalArgumentException(
              "call "
                  + call.sequence()
                  + ": no IAM "
                  + "mapping for the service "
                  + call.service());
    };
  }

  /**
   * Service Authorization Reference, Amazon S3: the object actions (GetObject, PutObject,
   * DeleteObject) act on {@code arn:aws:s3:::bucket/key}; ListBucket, CreateBucket and DeleteBucket
   * on the bucket, {@code arn:aws:s3:::bucket}.
   */
  private static String s3Resource(RecordedCall call) {
    JsonNode in = call.parameters();
    return LocalAccount.s3Arn(in.path("Bucket").asText(), in.path("Key").asText(null));
  }

  /**
   * aws:ResourceAccount, the account that owns the bucket (IAM User Guide, global condition context
   * keys): the emulator holds one account, so every bucket it serves is the local account's. A
   * bucket being created is nobody's yet, and ListBuckets names none.
   */
  private static Map<String, List<String>> s3Context(RecordedCall call) {
    if (call.operation().equals("CreateBucket") || call.operation().equals("ListBuckets")) {
      return Map.of();
    }
    Map<String, List<String>> context = new LinkedHashMap<>();
    context.put("aws:ResourceAccount", List.of(LocalAccount.ACCOUNT_ID));
    // s3:ListBucket's s3:prefix: the listing's prefix, absent when it names none (Service
    // Authorization Reference, Amazon S3).
    if (call.operation().equals("ListObjectsV2") && call.parameters().hasNonNull("prefix")) {
      context.put("s3:prefix", List.of(call.parameters().path("prefix").asText()));
    }
    return context;
  }

  /** SNS authorizes on the topic; CreateTopic on the topic it names, ListTopics on none. */
  private static String snsResource(RecordedCall call) {
    JsonNode in = call.parameters();
    return switch (call.operation()) {
      case "ListTopics" -> "*";
      case "CreateTopic" -> LocalAccount.arn("sns", in.path("Name").asText());
      default -> in.path("TopicArn").asText();
    };
  }

  // ------------------------------------------------------------------ IAM Identity Center

  /**
   * Identity Store reads act on the identity store ({@code
   * arn:aws:identitystore::<account>:identitystore/<id>}, the API reference's IdentityStoreArn) and
   * on the users and memberships they read ({@code arn:aws:identitystore:::user/<id>}, {@code
   * membership/*}). Which of these each action requires was not at hand from the Service
   * Authorization Reference, so the stricter reading: a policy must allow them all.
   */
  private static List<IamRequest> identityStore(RecordedCall call) {
    JsonNode in = call.parameters();
    String store =
        LocalAccount.globalArn(
            "identitystore", "identitystore/" + in.path("IdentityStoreId").asText());
    String users = "arn:" + LocalAccount.PARTITION + ":identitystore:::user/";
    return switch (call.operation()) {
      case "GetUserId" ->
          List.of(request(call, store, Map.of()), request(call, users + "*", Map.of()));
      case "DescribeUser" ->
          List.of(
              request(call, store, Map.of()),
              request(call, users + in.path("UserId").asText(), Map.of()));
      case "ListGroupMembershipsForMember" ->
          List.of(
              request(call, store, Map.of()),
              request(call, users + in.path("MemberId").path("UserId").asText(), Map.of()),
              request(
                  call,
                  "arn:" + LocalAccount.PARTITION + ":identitystore:::membership/*",
                  Map.of()));
      default ->
          throw new IllegalArgumentException(
              "call " + call.sequence() + ": no IAM mapping for identitystore:" + call.operation());
    };
  }

  /**
   * SSO admin: ListInstances acts on no resource; the application-assignment calls act on the
   * application ({@code arn:aws:sso::<account>:application/<instance>/<application>}).
   */
  private static List<IamRequest> ssoAdmin(RecordedCall call) {
    return switch (call.operation()) {
      case "ListInstances" -> List.of(request(call, "*", Map.of()));
      case "CreateApplicationAssignment",
          "DeleteApplicationAssignment",
          "DescribeApplicationAssignment",
          "ListApplicationAssignments" ->
          List.of(request(call, call.parameters().path("ApplicationArn").asText(), Map.of()));
      default ->
          throw new IllegalArgumentException(
              "call " + call.sequence() + ": no IAM mapping for sso:" + call.operation());
    };
  }

  // ------------------------------------------------------------------ Step Functions

  private static List<IamRequest> stepFunctions(RecordedCall call) {
    JsonNode in = call.parameters();
    return switch (call.operation()) {
      // Step Functions developer guide, "Creating granular permissions for non-admin users":
      // StartExecution and ListExecutions act on a state machine, the others on an execution.
      // ListExecutions of a Map Run's children acts on the Map Run (Service Authorization
      // Reference, Step Functions: ListExecutions takes the stateMachine or mapRun resource).
      case "StartExecution", "ListExecutions" ->
          List.of(
              request(
                  call,
                  in.hasNonNull("mapRunArn")
                      ? in.path("mapRunArn").asText()
                      : in.path("stateMachineArn").asText(),
                  Map.of()));
      // DescribeMapRun acts on the Map Run, ListMapRuns on the execution that ran it.
      case "DescribeMapRun" -> List.of(request(call, in.path("mapRunArn").asText(), Map.of()));
      case "ListMapRuns" -> List.of(request(call, in.path("executionArn").asText(), Map.of()));
      case "DescribeExecution",
          "StopExecution",
          "RedriveExecution",
          "GetExecutionHistory",
          "DescribeStateMachineForExecution" ->
          List.of(request(call, in.path("executionArn").asText(), Map.of()));
      case "ListTagsForResource" ->
          List.of(request(call, in.path("resourceArn").asText(), Map.of()));
      case "ValidateStateMachineDefinition" -> List.of(request(call, "*", Map.of()));
      default ->
          throw new IllegalArgumentException(
              "call " + call.sequence() + ": no IAM " + "mapping for states:" + call.operation());
    };
  }

  static IamRequest request(RecordedCall call, String resource, Map<String, List<String>> context) {
    return new IamRequest(call.iamAction(), resource, context, "the API call " + call.operation());
  }
}
