package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sts.model.StsException;

class RequestDispatcherTest {

  private static final String SIGNED =
      "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260105/us-east-1/%s/aws4_request, "
          + "SignedHeaders=host;x-amz-date, Signature=0000";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final EmulatorClients clients = aws.clients();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void unknownJsonOperationIsUnknownOperationExceptionNamingIt() {
    assertThatThrownBy(() -> clients.sageMaker.listNotebookInstances())
        .isInstanceOfSatisfying(
            SageMakerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("SageMaker.ListNotebookInstances");
            });
  }

  @Test
  void unknownQueryActionIsInvalidActionAsAwsWordsIt() {
    assertThatThrownBy(() -> clients.iam.listUsers())
        .isInstanceOfSatisfying(
            IamException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The action ListUsers is not valid for this web service.");
            });
  }

  @Test
  void stepFunctionsAnswersEveryOperationAsUnknownUntilAServiceIsRegistered() {
    assertThatThrownBy(() -> clients.sfn.listStateMachines(r -> {}))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("AWSStepFunctions.ListStateMachines");
            });

    emulator.register(
        new EmulatedService("states", new WireProtocol.AwsJson("1.0", "AWSStepFunctions")) {

          @Override
          public List<Operation> operations() {
            return List.of(
                Operation.reading(
                    "ListStateMachines",
                    request ->
                        ServiceReply.json(
                            JsonNodeFactory.instance
                                .objectNode()
                                .set("stateMachines", JsonNodeFactory.instance.arrayNode()))));
          }
        });

    assertThat(clients.sfn.listStateMachines(r -> {}).stateMachines()).isEmpty();
    assertThat(emulator.requestLog().calls("states", "ListStateMachines"))
        .extracting(RecordedCall::httpStatus)
        .containsExactly(400, 200);
    assertThatThrownBy(() -> clients.sfn.listActivities(r -> {}))
        .isInstanceOfSatisfying(
            SfnException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
  }

  @Test
  void unknownServiceIsAClearError() throws Exception {
    HttpResponse<String> response =
        post(
            "ec2",
            "Action=DescribeInstances&Version=2016-11-15",
            "application/x-www-form-urlencoded; charset=utf-8",
            null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("<Code>UnknownService</Code>")
        .contains("does not serve service 'ec2'")
        .contains("iam, identitystore, s3, sagemaker, sns, ssm, sso, states, sts");
  }

  @Test
  void unsignedRequestIsMissingAuthenticationToken() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(emulator.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "SageMaker.ListDomains")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(MAPPER.readTree(response.body()).get("__type").asText())
        .isEqualTo("MissingAuthenticationTokenException");
  }

  @Test
  void jsonErrorsCarryTypeMessageAndTheErrorTypeHeader() throws Exception {
    emulator.sageMaker().seedDomain(DomainSeed.iam("d-protocol0001", "studio"));

    HttpResponse<String> response =
        post(
            "sagemaker",
            "{\"DomainId\":\"d-protocol0001\",\"UserProfileName\":\"ghost\"}",
            "application/x-amz-json-1.1",
            "SageMaker.DescribeUserProfile");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFound");
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/x-amz-json-1.1");
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(body.get("__type").asText()).isEqualTo("ResourceNotFound");
    assertThat(body.get("message").asText()).contains("user-profile/d-protocol0001/ghost");
    assertThatThrownBy(
            () ->
                clients.sageMaker.describeUserProfile(
                    r -> r.domainId("d-protocol0001").userProfileName("ghost")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void malformedJsonIsSerializationException() throws Exception {
    HttpResponse<String> response =
        post("sagemaker", "{not json", "application/x-amz-json-1.1", "SageMaker.ListDomains");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(response.body()).get("__type").asText())
        .isEqualTo("SerializationException");
  }

  /** A bad percent-encoding is answered in the query protocol's error shape, not dropped. */
  @Test
  void aMalformedQueryStringIsAnsweredAsOne() throws Exception {
    HttpResponse<String> response =
        post(
            "iam",
            "Action=ListRoles&Version=2010-05-08&PathPrefix=%zz",
            "application/x-www-form-urlencoded",
            null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("<Code>MalformedQueryString</Code>").contains("%zz");
  }

  /** Clients that send their request slowly each hold a thread of their own, not the server. */
  @Test
  void slowClientsDoNotHoldUpOthers() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        Socket socket = new Socket("127.0.0.1", emulator.port());
        // Headers promise a body that never comes.
        socket
            .getOutputStream()
            .write(
                ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                        + "Authorization: "
                        + SIGNED.formatted("sts")
                        + "\r\n\r\nAction=")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        stalled.add(socket);
      }

      assertThat(
              clients
                  .sts
                  .getCallerIdentity(
                      r -> r.overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10))))
                  .account())
          .isEqualTo("123456789012");
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void queryAnswersAreWrappedInResponseAndResultWithTheServiceNamespace() throws Exception {
    HttpResponse<String> ok =
        post(
            "sts",
            "Action=GetCallerIdentity&Version=2011-06-15",
            "application/x-www-form-urlencoded; charset=utf-8",
            null);
    HttpResponse<String> error =
        post(
            "iam",
            "Action=GetRole&Version=2010-05-08&RoleName=ghost",
            "application/x-www-form-urlencoded; charset=utf-8",
            null);
    HttpResponse<String> noResult =
        post(
            "iam",
            "Action=DeleteRole&Version=2010-05-08&RoleName=ghost",
            "application/x-www-form-urlencoded; charset=utf-8",
            null);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body())
        .startsWith(
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><UserId>")
        .contains("<Account>123456789012</Account>")
        .endsWith(
            "</GetCallerIdentityResult><ResponseMetadata><RequestId>"
                + ok.headers().firstValue("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
    assertThat(error.statusCode()).isEqualTo(404);
    assertThat(error.body())
        .startsWith(
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                + "<Type>Sender</Type><Code>NoSuchEntity</Code>"
                + "<Message>The role with name ghost cannot be found.</Message></Error>"
                + "<RequestId>");
    assertThat(noResult.statusCode()).isEqualTo(404);
  }

  @Test
  void requestLogRecordsEveryCallWithParametersOutcomeTimeCallerAndIamAction() {
    emulator.virtualClock().advance(java.time.Duration.ofMinutes(1));
    clients.iam.createRole(
        r ->
            r.roleName("jane")
                .assumeRolePolicyDocument(RoleSeed.SAGEMAKER_TRUST_POLICY)
                .tags(Tag.builder().key("k").value("v").build())
                .overrideConfiguration(
                    c -> c.putHeader(ServiceRequest.CALLER_HEADER, "CreateExecutionRoleFunction")));
    assertThatThrownBy(() -> clients.sageMaker.describeDomain(r -> r.domainId("d-missing0001")))
        .isInstanceOf(ResourceNotFoundException.class);

    List<RecordedCall> calls = emulator.requestLog().calls();
    assertThat(calls).hasSize(2);
    RecordedCall create = calls.get(0);
    assertThat(create.sequence()).isEqualTo(1);
    assertThat(create.service()).isEqualTo("iam");
    assertThat(create.operation()).isEqualTo("CreateRole");
    assertThat(create.iamAction()).isEqualTo("iam:CreateRole");
    assertThat(create.mutating()).isTrue();
    assertThat(create.succeeded()).isTrue();
    assertThat(create.error()).isEmpty();
    assertThat(create.caller()).isEqualTo("CreateExecutionRoleFunction");
    assertThat(create.time()).isEqualTo(VirtualClock.DEFAULT_ORIGIN.plusSeconds(60));
    assertThat(create.parameters().get("RoleName").asText()).isEqualTo("jane");
    assertThat(create.parameters().get("Tags.member.1.Key").asText()).isEqualTo("k");
    assertThat(create.parameters().has("Action")).isFalse();
    RecordedCall describe = calls.get(1);
    assertThat(describe.iamAction()).isEqualTo("sagemaker:DescribeDomain");
    assertThat(describe.mutating()).isFalse();
    assertThat(describe.httpStatus()).isEqualTo(400);
    assertThat(describe.errorCode()).isEqualTo("ResourceNotFound");
    assertThat(describe.caller()).isNull();
    assertThat(describe.parameters().get("DomainId").asText()).isEqualTo("d-missing0001");
    assertThat(emulator.requestLog().mutatingCalls()).containsExactly(create);
    assertThat(emulator.requestLog().iamActions())
        .containsExactly("iam:CreateRole", "sagemaker:DescribeDomain");
  }

  @Test
  void aDefectInAnOperationIsAnInternalFailureNotASilentSuccess() {
    // The defect is logged with its stack trace on purpose; keep this expected one out of the
    // build output.
    Logger logger = Logger.getLogger(RequestDispatcher.class.getName());
    Level level = logger.getLevel();
    logger.setLevel(Level.OFF);
    try {
      defectiveOperationIsAnsweredAsInternalFailure();
    } finally {
      logger.setLevel(level);
    }
  }

  private void defectiveOperationIsAnsweredAsInternalFailure() {
    emulator.register(
        new EmulatedService(
            "sts",
            new WireProtocol.AwsQuery("2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/")) {

          @Override
          public List<Operation> operations() {
            return List.of(
                Operation.reading(
                    "GetCallerIdentity",
                    request -> {
                      throw new IllegalStateException("broken on purpose");
                    }));
          }
        });

    assertThatThrownBy(() -> clients.sts.getCallerIdentity())
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
              assertThat(e.awsErrorDetails().errorMessage()).contains("broken on purpose");
            });
    assertThat(emulator.requestLog().calls().get(0).httpStatus()).isEqualTo(500);
  }

  private HttpResponse<String> post(String service, String body, String contentType, String target)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
            .header("Authorization", SIGNED.formatted(service))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
