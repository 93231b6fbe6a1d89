package dev.studiolifecycle.local.asl.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.StateMachineResource;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Task integrations end to end: Lambda tasks through the in-process runtime and the fixture
 * template, SNS Publish through the real SDK client against a stand-in SNS endpoint.
 */
class ServiceIntegrationsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String REFUSED =
      "dev.studiolifecycle.local.lambda.fixtures." + "GreetingRefused";

  private HttpServer sns;
  private final List<Map<String, String>> published = new ArrayList<>();
  private SamTemplate template;
  private ServiceIntegrations integrations;

  @BeforeEach
  void setUp() throws Exception {
    sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sns.createContext(
        "/",
        exchange -> {
          Map<String, String> form =
              form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          published.add(form);
          boolean missing = form.get("TopicArn").endsWith(":missing");
          String body =
              missing
                  ? "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>"
                      + "Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message>"
                      + "</Error><RequestId>req-404</RequestId></ErrorResponse>"
                  : "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                      + "<MessageId>msg-"
                      + published.size()
                      + "</MessageId></PublishResult>"
                      + "<ResponseMetadata><RequestId>req-"
                      + published.size()
                      + "</RequestId>"
                      + "</ResponseMetadata></PublishResponse>";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + published.size());
          exchange.sendResponseHeaders(missing ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    sns.start();
    template = SamTemplate.load(Path.of(getClass().getResource("/template/template.yaml").toURI()));
    LambdaRuntime runtime =
        LambdaRuntime.builder(template)
            .handlerOutput(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .build();
    URI endpoint = URI.create("http://127.0.0.1:" + sns.getAddress().getPort());
    integrations =
        ServiceIntegrations.builder()
            .lambda(runtime)
            .sns(
                () ->
                    SnsClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                            StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("test", "test")))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build())
            .build();
  }

  @AfterEach
  void tearDown() {
    sns.stop(0);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private Execution run(String definition, String input) {
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock()).taskInvoker(integrations).build();
    return engine.run(
        StateMachine.of(
            "Integrations", StateMachineDefinition.parse(definition.replace('\'', '"'))),
        "run",
        ExecutionEngine.parseInput(input));
  }

  @Test
  void lambdaInvokeReturnsLambdasInvokeResponseWithThePayload() {
    Execution execution =
        run(
            "{'StartAt': 'Greet', 'States': {'Greet': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {'FunctionName': "
                + "'studio-lifecycle-greeting', 'Payload': {'name.$': '$.who'}}, 'End': true}}}",
            "{\"who\": \"Jane\"}");
    JsonNode result = execution.output().orElseThrow();
    assertThat(result.fieldNames())
        .toIterable()
        .containsExactly(
            "ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode");
    assertThat(result.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    assertThat(result.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.get("Payload").get("message").asText()).isEqualTo("Hello, Jane!");
    JsonNode http = result.get("SdkHttpMetadata");
    assertThat(http.get("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(http.get("HttpHeaders").get("X-Amz-Executed-Version").asText()).isEqualTo("$LATEST");
    assertThat(http.get("AllHttpHeaders").get("Content-Type").get(0).asText())
        .isEqualTo("application/json");
    assertThat(result.get("SdkResponseMetadata").get("RequestId").asText())
        .isEqualTo(http.get("HttpHeaders").get("x-amzn-RequestId").asText());
  }

  @Test
  void aJsonataLambdaInvokeTakesItsArgumentsAndItsOutputReadsTheResult() {
    Execution execution =
        run(
            "{'QueryLanguage': 'JSONata', 'StartAt': 'Greet', 'States': {'Greet': {'Type':"
                + " 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Arguments':"
                + " {'FunctionName': 'studio-lifecycle-greeting', 'Payload': {'name':"
                + " '{% $states.input.who %}'}}, 'Output': '{% $states.result.Payload.message %}',"
                + " 'End': true}}}",
            "{\"who\": \"Jane\"}");
    assertThat(execution.output()).contains(TextNode.valueOf("Hello, Jane!"));
  }

  @Test
  void aFunctionArnResourceReturnsThePayloadItself() {
    Execution execution =
        run(
            "{'StartAt': 'Greet', 'States': {'Greet': {'Type': 'Task', "
                + "'Resource': 'arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting"
                + "', 'OutputPath': '$.message', 'End': true}}}",
            "{\"name\": \"Ann\"}");
    assertThat(execution.output().orElseThrow()).isEqualTo(TextNode.valueOf("Hello, Ann!"));
  }

  @Test
  void aHandlerExceptionFailsTheTaskWithItsClassNameAndTheErrorDocument() throws Exception {
    for (String resource :
        List.of(
            "arn:aws:states:::lambda:invoke",
            "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting")) {
      String parameters =
          resource.endsWith("invoke")
              ? "{'FunctionName': 'studio-lifecycle-greeting:live', 'Payload.$': '$'}"
              : "null";
      Execution execution =
          run(
              "{'StartAt': 'Greet', 'States': {'Greet': {'Type': 'Task', "
                  + "'Resource': '"
                  + resource
                  + "', "
                  + (parameters.equals("null") ? "" : "'Parameters': " + parameters + ", ")
                  + "'End': true}}}",
              "{\"name\": \"Bob\", \"fail\": true}");
      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains(REFUSED);
      JsonNode cause = MAPPER.readTree(execution.cause().orElseThrow());
      assertThat(cause.get("errorMessage").asText()).isEqualTo("refusing to greet Bob");
      assertThat(cause.get("errorType").asText()).isEqualTo(REFUSED);
      assertThat(cause.get("stackTrace").get(0).asText())
          .startsWith("dev.studiolifecycle.local.lambda.fixtures.GreetingHandler.handleRequest(");
    }
  }

  @Test
  void anUnknownFunctionFailsWithLambdaResourceNotFound() {
    Execution execution =
        run(
            "{'StartAt': 'Greet', 'States': {'Greet': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {'FunctionName': "
                + "'nobody'}, 'End': true}}}",
            "{}");
    assertThat(execution.error()).contains("Lambda.ResourceNotFoundException");
    assertThat(execution.cause().orElseThrow())
        .startsWith(
            "Function not found: arn:aws:lambda:"
                + "us-east-1:123456789012:function:nobody (Service: AWSLambda; Status Code: 404;");
  }

  @Test
  void snsPublishSendsJsonMessagesAsTextThroughTheSdkClient() {
    Execution execution =
        run(
            "{'StartAt': 'Notify', 'States': {'Notify': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::sns:publish', 'Parameters': {'TopicArn': "
                + "'arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications', 'Subject': "
                + "'Onboarded', 'Message.$': '$', 'MessageAttributes': {'outcome': {'DataType': "
                + "'String', 'StringValue': 'SUCCEEDED'}}}, 'End': true}}}",
            "{\"user\": \"jane\", \"ok\": true}");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Map<String, String> request = published.get(0);
    assertThat(request)
        .containsEntry("Action", "Publish")
        .containsEntry("Message", "{\"user\":\"jane\",\"ok\":true}")
        .containsEntry("Subject", "Onboarded")
        .containsEntry("MessageAttributes.entry.1.Name", "outcome")
        .containsEntry("MessageAttributes.entry.1.Value.StringValue", "SUCCEEDED");
    JsonNode result = execution.output().orElseThrow();
    assertThat(result.get("MessageId").asText()).isEqualTo("msg-1");
    assertThat(result.get("SdkHttpMetadata").get("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(result.get("SdkResponseMetadata").get("RequestId").asText()).isEqualTo("req-1");
  }

  @Test
  void snsServiceErrorsAreNamedAfterTheServiceException() {
    Execution execution =
        run(
            "{'StartAt': 'Notify', 'States': {'Notify': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::sns:publish', 'Parameters': {'TopicArn': "
                + "'arn:aws:sns:us-east-1:123456789012:missing', 'Message': 'hi'}, 'End': true}}}",
            "{}");
    assertThat(execution.error()).contains("SNS.NotFoundException");
    assertThat(execution.cause().orElseThrow())
        .startsWith(
            "Topic does not exist (Service: "
                + "AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: req-404");
  }

  @Test
  void theCheckerRefusesWhatThisRuntimeCannotCall() {
    assertThatThrownBy(
            () ->
                run(
                    "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                        + "'Resource': 'arn:aws:states:::aws-sdk:sagemaker:describeDomain', 'End': true}}}",
                    "{}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "State 'T', field 'Resource': "
                + "arn:aws:states:::aws-sdk:sagemaker:describeDomain is not supported in this "
                + "runtime: no AWS SDK integration is registered for 'sagemaker'");
    assertThatThrownBy(
            () ->
                run(
                    "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                        + "'Resource': 'arn:aws:states:::lambda:invoke', 'Parameters': {'Payload': 1, "
                        + "'LogType': 'Tail', 'Functionname': 'x'}, 'End': true}}}",
                    "{}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining(
            "State 'T', field 'Parameters.FunctionName': is required by " + "lambda:invoke")
        .hasMessageContaining(
            "State 'T', field 'Parameters.LogType': LogType is not supported "
                + "by the local interpreter")
        .hasMessageContaining(
            "State 'T', field 'Parameters.Functionname': lambda:invoke has no "
                + "parameter 'Functionname'");
    assertThatThrownBy(
            () ->
                run(
                    "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                        + "'Resource': 'arn:aws:states:::sns:publish', 'Parameters': {'Message': 'm'}, "
                        + "'End': true}}}",
                    "{}"))
        .hasMessageContaining("sns:publish needs TopicArn, TargetArn " + "or PhoneNumber");
    assertThatThrownBy(
            () ->
                run(
                    "{'QueryLanguage': 'JSONata', 'StartAt': 'T', 'States': {'T': {'Type':"
                        + " 'Task', 'Resource': 'arn:aws:states:::lambda:invoke', 'Arguments':"
                        + " {'Payload': '{% $states.input %}'}, 'End': true}}}",
                    "{}"))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("State 'T', field 'Arguments.FunctionName': is required by " + "lambda:invoke");
  }

  @Test
  void aRegisteredAwsSdkIntegrationRuns() {
    integrations =
        ServiceIntegrations.builder()
            .awsSdk(
                "sagemaker",
                new AwsSdkIntegration() {
                  @Override
                  public boolean supports(String action) {
                    return action.equals("describeDomain");
                  }

                  @Override
                  public TaskOutcome call(String action, JsonNode parameters) {
                    return TaskOutcome.succeeded(
                        MAPPER
                            .createObjectNode()
                            .put("DomainId", parameters.get("DomainId").asText())
                            .put("Status", "InService"));
                  }
                })
            .build();
    Execution execution =
        run(
            "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                + "'Resource': 'arn:aws:states:::aws-sdk:sagemaker:describeDomain', 'Parameters': "
                + "{'DomainId': 'd-1'}, 'End': true}}}",
            "{}");
    assertThat(execution.output().orElseThrow().get("Status").asText()).isEqualTo("InService");
    assertThat(execution.history().get(2).details().toString())
        .contains("resourceType=aws-sdk:sagemaker", "resource=describeDomain");
    assertThatThrownBy(
            () ->
                run(
                    "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', "
                        + "'Resource': 'arn:aws:states:::aws-sdk:sagemaker:deleteDomain', 'End': true}}}",
                    "{}"))
        .hasMessageContaining("the 'sagemaker' integration does not implement 'deleteDomain'");
  }

  @Test
  void theTemplatesStateMachineRunsWithItsSubstitutions() throws Exception {
    StateMachineResource resource = template.stateMachine("LifecycleStateMachine").orElseThrow();
    ExecutionEngine engine =
        ExecutionEngine.builder(new VirtualClock()).taskInvoker(integrations).build();
    Execution execution =
        engine.run(
            StateMachine.of(resource.name(), StateMachineDefinition.parse(resource.definition()))
                .withRoleArn(resource.roleArn()),
            "fixture",
            ExecutionEngine.parseInput("{\"name\": \"Jane\"}"));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = execution.output().orElseThrow();
    assertThat(output.get("greeting"))
        .isEqualTo(MAPPER.readTree("{\"message\": \"Hello, Jane!\"}"));
    assertThat(output.get("error").get("Error").asText()).isEqualTo(REFUSED);
    assertThat(
            MAPPER.readTree(output.get("error").get("Cause").asText()).get("errorMessage").asText())
        .isEqualTo("refusing to greet nobody");
    assertThat(execution.stopDate()).contains(execution.startDate().plusSeconds(30));
  }
}
