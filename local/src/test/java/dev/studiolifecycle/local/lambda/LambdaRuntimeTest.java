package dev.studiolifecycle.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.lambda.fixtures.GreetingHandler;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-process invocation through the Lambda runtime's serializers and error reporting. */
class LambdaRuntimeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FIXTURES = "dev.studiolifecycle.local.lambda.fixtures.";

  private final ByteArrayOutputStream handlerLog = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private LambdaRuntime runtime;

  @BeforeEach
  void setUp() throws URISyntaxException {
    originalOut = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    SamTemplate template =
        SamTemplate.load(Path.of(getClass().getResource("/template/template.yaml").toURI()));
    List<FunctionDefinition> functions = new ArrayList<>(template.functions().values());
    functions.add(function("SnsFunction", FIXTURES + "SnsMessageHandler"));
    functions.add(function("EchoFunction", FIXTURES + "EchoStreamHandler"));
    functions.add(function("ShoutFunction", FIXTURES + "StaticHandlers::shout"));
    functions.add(function("IgnoreFunction", FIXTURES + "StaticHandlers::ignore"));
    functions.add(function("MissingFunction", FIXTURES + "NoSuchHandler::handleRequest"));
    functions.add(
        new FunctionDefinition(
            "OldRuntimeFunction",
            "OldRuntimeFunction",
            FIXTURES + "StaticHandlers::shout",
            "java11",
            3,
            256,
            Map.of(),
            null,
            null,
            "x86_64",
            2));
    runtime =
        LambdaRuntime.builder(functions)
            .handlerOutput(new PrintStream(handlerLog, true, StandardCharsets.UTF_8))
            .clock(new VirtualClock())
            .build();
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
  }

  private static FunctionDefinition function(String name, String handler) {
    return new FunctionDefinition(
        name, name, handler, "java21", 3, 256, Map.of(), null, null, "x86_64", 2);
  }

  private LambdaResponse invoke(String function, String payload) {
    return runtime.invoke(function, null, payload.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(byte[] bytes) throws Exception {
    return MAPPER.readTree(bytes);
  }

  @Test
  void mapsRecordsThroughTheRuntimeSerializerWithTheTemplateEnvironment() throws Exception {
    LambdaResponse response =
        invoke(
            "arn:aws:lambda:us-east-1:123456789012:function:studio-lifecycle-greeting:live",
            "{\"name\": \"Jane\", \"ignored\": 1}");
    assertThat(response).isInstanceOf(LambdaResponse.Returned.class);
    LambdaResponse.Returned returned = (LambdaResponse.Returned) response;
    assertThat(returned.executedVersion()).isEqualTo("1");
    JsonNode output = json(returned.payload());
    assertThat(output.get("message").asText()).isEqualTo("Hello, Jane!");
    assertThat(output.get("functionName").asText()).isEqualTo("studio-lifecycle-greeting");
    assertThat(output.get("functionVersion").asText()).isEqualTo("1");
    // Timeout 10 s from the template; virtual time does not pass during the call.
    assertThat(output.get("remainingMillis").asInt()).isEqualTo(10_000);
    assertThat(output.get("environmentSize").asInt()).isEqualTo(13);
  }

  @Test
  void whatHandlersPrintGoesToTheSinkNotToStandardOutput() {
    invoke("studio-lifecycle-greeting", "{\"name\": \"Jane\"}");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(handlerLog.toString(StandardCharsets.UTF_8))
        .contains("{\"level\":\"INFO\",\"message\":\"greeting Jane\"}");
    System.out.println("after the invocation");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("after the invocation\n");
  }

  @Test
  void anExceptionBecomesAFunctionErrorWithTheRuntimesErrorDocument() throws Exception {
    LambdaResponse response =
        invoke("studio-lifecycle-greeting", "{\"name\": \"Bob\", \"fail\": true}");
    assertThat(response).isInstanceOf(LambdaResponse.FunctionError.class);
    LambdaResponse.FunctionError error = (LambdaResponse.FunctionError) response;
    assertThat(error.errorType()).isEqualTo(FIXTURES + "GreetingRefused");
    JsonNode document = json(error.payload());
    assertThat(document.fieldNames())
        .toIterable()
        .containsExactly("errorMessage", "errorType", "stackTrace");
    assertThat(document.get("errorMessage").asText()).isEqualTo("refusing to greet Bob");
    assertThat(document.get("errorType").asText()).isEqualTo(FIXTURES + "GreetingRefused");
    JsonNode trace = document.get("stackTrace");
    assertThat(trace.get(0).asText())
        .startsWith(FIXTURES + "GreetingHandler.handleRequest(GreetingHandler.java:");
    assertThat(trace)
        .allSatisfy(frame -> assertThat(frame.isTextual()).isTrue())
        .noneSatisfy(
            frame ->
                assertThat(frame.asText())
                    .startsWith("dev.studiolifecycle.local.lambda.LambdaRuntime"));
  }

  @Test
  void aPlainClassMethodWithTheNoArgConstructorWorksToo() throws Exception {
    LambdaResponse response = invoke("FailingFunction", "{\"disk\": \"sda\"}");
    LambdaResponse.FunctionError error = (LambdaResponse.FunctionError) response;
    assertThat(error.errorType()).isEqualTo("java.io.UncheckedIOException");
    assertThat(json(error.payload()).get("errorMessage").asText()).isEqualTo("broken on purpose");
  }

  @Test
  void eventTypesGoThroughTheLambdaEventSerializers() throws Exception {
    LambdaResponse response =
        invoke(
            "SnsFunction",
            "{\"Records\": [{\"EventSource\": "
                + "\"aws:sns\", \"EventVersion\": \"1.0\", \"Sns\": {\"Type\": \"Notification\", "
                + "\"MessageId\": \"m-1\", \"Subject\": \"Employee Hired\", \"Message\": \"{\\\"a\\\":1}\","
                + " \"Timestamp\": \"2026-01-05T09:00:00.000Z\"}}]}");
    assertThat(json(((LambdaResponse.Returned) response).payload()))
        .isEqualTo(MAPPER.readTree("[\"Employee Hired|{\\\"a\\\":1}|2026\"]"));
  }

  @Test
  void streamHandlersSeeTheRawBytes() throws Exception {
    LambdaResponse response = invoke("EchoFunction", "\"just text\"");
    assertThat(json(((LambdaResponse.Returned) response).payload()))
        .isEqualTo(MAPPER.readTree("{\"bytes\": 11, \"raw\": \"\\\"just text\\\"\"}"));
  }

  @Test
  void staticMethodsStringsAndVoidResults() throws Exception {
    assertThat(
            new String(
                ((LambdaResponse.Returned) invoke("ShoutFunction", "\"hey\"")).payload(),
                StandardCharsets.UTF_8))
        .isEqualTo("\"HEY!\"");
    assertThat(
            new String(
                ((LambdaResponse.Returned) invoke("IgnoreFunction", "{}")).payload(),
                StandardCharsets.UTF_8))
        .isEqualTo("null");
  }

  @Test
  void aPayloadTheSerializerCannotMapIsAJsonParsingError() throws Exception {
    LambdaResponse.FunctionError error =
        (LambdaResponse.FunctionError) invoke("ShoutFunction", "{\"not\": \"a string\"}");
    assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
    assertThat(json(error.payload()).get("errorMessage").asText())
        .isEqualTo("An error occurred during JSON parsing");
  }

  @Test
  void eachHandlerIsInstantiatedOncePerRuntime() {
    int before = GreetingHandler.instances();
    invoke("studio-lifecycle-greeting", "{\"name\": \"a\"}");
    invoke("studio-lifecycle-greeting:$LATEST", "{\"name\": \"b\"}");
    invoke("123456789012:function:studio-lifecycle-greeting", "{\"name\": \"c\"}");
    assertThat(GreetingHandler.instances()).isEqualTo(before + 1);
  }

  @Test
  void unknownFunctionsAndQualifiersAreLambdaServiceErrors() {
    LambdaResponse.ServiceError unknown =
        (LambdaResponse.ServiceError) invoke("NoSuchFunction", "{}");
    assertThat(unknown.errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(unknown.message())
        .isEqualTo(
            "Function not found: arn:aws:lambda:us-east-1:"
                + "123456789012:function:NoSuchFunction");
    assertThat(unknown.statusCode()).isEqualTo(404);
    LambdaResponse.ServiceError alias =
        (LambdaResponse.ServiceError) invoke("studio-lifecycle-greeting:prod", "{}");
    assertThat(alias.errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(alias.message())
        .isEqualTo(
            "Function not found: arn:aws:lambda:us-east-1:"
                + "123456789012:function:studio-lifecycle-greeting:prod");
    LambdaResponse.ServiceError otherAccount =
        (LambdaResponse.ServiceError)
            invoke(
                "arn:aws:lambda:us-east-1:999999999999:function:studio-lifecycle-greeting", "{}");
    assertThat(otherAccount.statusCode()).isEqualTo(404);
    LambdaResponse.ServiceError conflict =
        (LambdaResponse.ServiceError)
            runtime.invoke(
                "studio-lifecycle-greeting:live", "1", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(conflict.errorCode()).isEqualTo("InvalidParameterValueException");
  }

  @Test
  void aHandlerClassThatCannotBeLoadedIsAnInitError() throws Exception {
    LambdaResponse.FunctionError error =
        (LambdaResponse.FunctionError) invoke("MissingFunction", "{}");
    assertThat(error.errorType()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(json(error.payload()).get("errorMessage").asText())
        .isEqualTo("Class not found: " + FIXTURES + "NoSuchHandler");
  }

  /**
   * This project compiles for Java 17 (class file version 61): on a java11 runtime Lambda cannot
   * load the handler, and every invocation fails as the JVM fails, though the local JVM could.
   */
  @Test
  void aHandlerCompiledForANewerJavaThanTheRuntimeIsAnInitError() throws Exception {
    LambdaResponse.FunctionError error =
        (LambdaResponse.FunctionError) invoke("OldRuntimeFunction", "\"hi\"");
    assertThat(error.errorType()).isEqualTo("java.lang.UnsupportedClassVersionError");
    assertThat(json(error.payload()).get("errorMessage").asText())
        .startsWith(FIXTURES + "StaticHandlers has been compiled by a more recent version")
        .contains("(class file version 61.0)")
        .contains("only recognizes class file versions up to 55.0")
        .endsWith("(the function's Runtime is java11)");
    assertThat(invoke("ShoutFunction", "\"hi\"")).isInstanceOf(LambdaResponse.Returned.class);
  }

  @Test
  void resolvesFunctionNamesInEveryForm() {
    assertThat(runtime.function("studio-lifecycle-greeting:live"))
        .get()
        .extracting(FunctionDefinition::logicalId)
        .isEqualTo("GreetingFunction");
    assertThat(runtime.function("arn:aws:lambda:us-east-1:123456789012:function:FailingFunction"))
        .isPresent();
    assertThat(runtime.function("GreetingFunction")).as("a logical id is not a name").isEmpty();
  }
}
