package dev.studiolifecycle.local.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.fault.FaultInjector;
import dev.studiolifecycle.local.emulator.wire.CredentialScope;
import dev.studiolifecycle.local.emulator.wire.FormDecoder;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads each HTTP request, routes it by the service name of its SigV4 credential scope and by
 * {@code X-Amz-Target} (JSON) or {@code Action} (query), applies faults, runs the operation,
 * renders the answer in the service's protocol and records the call.
 */
final class RequestDispatcher implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(RequestDispatcher.class.getName());

  private final ServiceDirectory services = new ServiceDirectory();
  private final Clock clock;
  private final IdSource ids;
  private final FaultInjector faults;
  private final RequestLog log;
  private final ScheduledActions scheduled;
  private volatile CallAuthorizer authorizer = CallAuthorizer.ALLOW_ALL;

  RequestDispatcher(
      Clock clock, IdSource ids, FaultInjector faults, RequestLog log, ScheduledActions scheduled) {
    this.clock = clock;
    this.ids = ids;
    this.faults = faults;
    this.log = log;
    this.scheduled = scheduled;
  }

  void authorizer(CallAuthorizer value) {
    this.authorizer = value;
  }

  CallAuthorizer authorizer() {
    return authorizer;
  }

  void register(EmulatedService service) {
    services.register(service);
  }

  /** See {@link ServiceDirectory#otherRegions}. */
  void otherRegions(BiFunction<String, String, Optional<EmulatedService>> value) {
    services.otherRegions(value);
  }

  /** The path of the health check: {@code GET} answers 200 with the services served. */
  static final String HEALTH_PATH = "/_studio-lifecycle/health";

  private static boolean isHealthCheck(HttpExchange exchange) {
    return exchange.getRequestURI().getPath().equals(HEALTH_PATH)
        && (exchange.getRequestMethod().equals("GET")
            || exchange.getRequestMethod().equals("HEAD"));
  }

  /**
   * Unsigned, so that a container's health check or a script waiting for the emulator needs no
   * credentials: {@code {"status": "running", "services": [...]}}.
   */
  private void answerHealth(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "running");
      serviceNames().forEach(body.putArray("services")::add);
      byte[] bytes = Answer.bytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  Optional<EmulatedService> service(String signingName) {
    return services.service(signingName);
  }

  List<String> serviceNames() {
    return services.names();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (isHealthCheck(exchange)) {
      answerHealth(exchange);
      return;
    }
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Answer answer;
      try {
        answer = dispatch(exchange, body);
      } catch (FormDecoder.MalformedForm e) {
        // Common Errors of the AWS APIs: MalformedQueryString, "the query string contains a
        // syntax error"; answered, never a closed connection.
        answer =
            Answer.xmlError(
                new AwsServiceError("MalformedQueryString", 404, e.getMessage()), null, ids.uuid());
      } catch (RuntimeException bug) {
        LOG.log(System.Logger.Level.ERROR, "emulator failure reading a request", bug);
        answer =
            Answer.xmlError(
                new AwsServiceError(
                    "InternalFailure", 500, "The studio-lifecycle emulator failed: " + bug),
                null,
                ids.uuid());
      }
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Type", answer.contentType());
      answer.headers().forEach(headers::set);
      exchange.sendResponseHeaders(
          answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      if (answer.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  private Answer dispatch(HttpExchange exchange, byte[] body) {
    Headers headers = exchange.getRequestHeaders();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Instant now = clock.instant();
    String requestId = ids.uuid();
    String caller = headers.getFirst(ServiceRequest.CALLER_HEADER);
    Arrival arrival = new Arrival(now, caller, requestId);
    Map<String, String> urlQuery = FormDecoder.decode(rawQuery);
    String target = headers.getFirst("X-Amz-Target");
    String contentType = Optional.ofNullable(headers.getFirst("Content-Type")).orElse("");
    boolean jsonRequest = target != null || contentType.startsWith("application/x-amz-json");
    String text = new String(body, StandardCharsets.UTF_8);

    Optional<CredentialScope> scope =
        CredentialScope.of(headers.getFirst("Authorization"), urlQuery);
    AwsServiceError refused =
        scope.isEmpty() ? unsigned(jsonRequest) : refusal(scope.get(), jsonRequest);
    if (refused != null) {
      record(
          arrival,
          scope.map(CredentialScope::service).orElse(null),
          null,
          null,
          false,
          TextNode.valueOf(text),
          refused);
      return jsonRequest
          ? Answer.jsonError(refused, requestId)
          : Answer.xmlError(refused, null, requestId);
    }
    String region = scope.get().region();
    ServiceDirectory.Registered registered = services.lookup(scope.get().service(), region);
    return RequestRegion.serving(
        region,
        () ->
            dispatchTo(
                registered,
                exchange,
                headers,
                urlQuery,
                body,
                target,
                text,
                contentType,
                arrival,
                scope.get()));
  }

  private static AwsServiceError unsigned(boolean json) {
    return new AwsServiceError(
        json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
        403,
        "Missing Authentication Token: requests must be signed with AWS Signature Version 4 "
            + "(any credentials work with this emulator).");
  }

  /**
   * Why a signed request reaches no service: a Region outside the aws partition, a service served
   * in the emulator's own Region only, or an unknown service; null when it reaches one.
   */
  private AwsServiceError refusal(CredentialScope scope, boolean json) {
    String serviceName = scope.service();
    String region = scope.region();
    if (!RequestRegion.isAwsPartitionRegion(region)) {
      return AwsServiceError.badRequest(
          json ? "InvalidSignatureException" : "SignatureDoesNotMatch",
          "Credential should be scoped to a valid region, not '"
              + region
              + "': the studio-lifecycle emulator serves the Regions of the aws partition"
              + " (such as us-east-1 or eu-west-1).");
    }
    if (services.lookup(serviceName, region) != null) {
      return null;
    }
    if (services.service(serviceName).isPresent()) {
      return AwsServiceError.badRequest(
          "UnknownService",
          "The studio-lifecycle emulator serves '"
              + serviceName
              + "' in "
              + LocalAccount.REGION
              + " only, where the template's state machines are deployed; this request was"
              + " signed for "
              + region
              + ".");
    }
    return AwsServiceError.badRequest(
        "UnknownService",
        "The studio-lifecycle emulator does not serve service '"
            + serviceName
            + "' (the service of the request's SigV4 credential scope). It serves: "
            + String.join(", ", serviceNames())
            + ".");
  }

  private Answer dispatchTo(
      ServiceDirectory.Registered registered,
      HttpExchange exchange,
      Headers headers,
      Map<String, String> urlQuery,
      byte[] body,
      String target,
      String text,
      String contentType,
      Arrival arrival,
      CredentialScope scope) {
    EmulatedService service = registered.service();
    if (service.protocol() instanceof WireProtocol.AwsJson json) {
      return dispatchJson(registered, json, target, text, arrival);
    }
    if (service.protocol() instanceof WireProtocol.RestXml rest) {
      Map<String, String> lowerCaseHeaders = new LinkedHashMap<>();
      headers.forEach(
          (name, values) -> lowerCaseHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      RestRouter.RestCall call =
          new RestRouter.RestCall(
              exchange.getRequestMethod(),
              headers.getFirst("Host"),
              exchange.getRequestURI().getRawPath(),
              urlQuery,
              lowerCaseHeaders,
              body,
              scope.region());
      return dispatchRest(registered, rest, call, arrival);
    }
    return dispatchQuery(
        registered,
        (WireProtocol.AwsQuery) service.protocol(),
        urlQuery,
        text,
        contentType,
        arrival);
  }

  private Answer dispatchJson(
      ServiceDirectory.Registered registered,
      WireProtocol.AwsJson protocol,
      String target,
      String text,
      Arrival arrival) {
    EmulatedService service = registered.service();
    String requestId = arrival.requestId();
    String prefix = protocol.targetPrefix() + ".";
    String operationName =
        target != null && target.startsWith(prefix) ? target.substring(prefix.length()) : null;
    JsonNode input;
    try {
      input =
          text.isBlank() ? JsonNodeFactory.instance.objectNode() : LocalJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      input = null;
    }
    JsonNode logged = input != null ? input : TextNode.valueOf(text);
    Operation operation = operationName == null ? null : registered.operations().get(operationName);
    if (operation == null) {
      String named = target == null ? "(no X-Amz-Target header)" : target;
      AwsServiceError error =
          AwsServiceError.badRequest(
              "UnknownOperationException",
              "Unknown operation "
                  + named
                  + ": the "
                  + service.signingName()
                  + " service of the "
                  + "studio-lifecycle emulator does not implement it.");
      record(
          arrival,
          service.signingName(),
          operationName,
          operationName == null ? null : service.iamAction(operationName),
          false,
          logged,
          error);
      return Answer.jsonError(error, requestId, protocol);
    }
    String iamAction = service.iamAction(operation.name());
    if (input == null || !input.isObject()) {
      AwsServiceError error =
          AwsServiceError.badRequest(
              "SerializationException", "The request body is not a JSON object.");
      record(arrival, service, operation, iamAction, logged, error);
      return Answer.jsonError(error, requestId, protocol);
    }
    Outcome outcome = runAndRecord(service, operation, iamAction, input, arrival);
    if (outcome.error() != null) {
      return Answer.jsonError(outcome.error(), requestId, protocol);
    }
    ServiceReply.Json reply = (ServiceReply.Json) outcome.reply();
    return new Answer(
        200,
        protocol.contentType(),
        Answer.bytes(reply.body()),
        Map.of("x-amzn-RequestId", requestId));
  }

  private Answer dispatchQuery(
      ServiceDirectory.Registered registered,
      WireProtocol.AwsQuery protocol,
      Map<String, String> urlQuery,
      String text,
      String contentType,
      Arrival arrival) {
    EmulatedService service = registered.service();
    String requestId = arrival.requestId();
    Map<String, String> form = new LinkedHashMap<>(urlQuery);
    if (contentType.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded")) {
      form.putAll(FormDecoder.decode(text));
    }
    form.keySet().removeIf(name -> name.startsWith("X-Amz-"));
    String action = form.remove("Action");
    form.remove("Version");
    ObjectNode parameters = QueryParameters.of(form).toJson();
    String namespace = protocol.xmlNamespace();
    if (action == null || action.isEmpty()) {
      AwsServiceError error =
          AwsServiceError.badRequest(
              "MissingAction", "The request must contain the parameter Action.");
      record(arrival, service.signingName(), null, null, false, parameters, error);
      return Answer.xmlError(error, namespace, requestId);
    }
    Operation operation = registered.operations().get(action);
    String iamAction = service.iamAction(action);
    if (operation == null) {
      AwsServiceError error =
          AwsServiceError.badRequest(
              "InvalidAction", "The action " + action + " is not valid for this web service.");
      record(arrival, service.signingName(), action, iamAction, false, parameters, error);
      return Answer.xmlError(error, namespace, requestId);
    }
    Outcome outcome = runAndRecord(service, operation, iamAction, parameters, arrival);
    if (outcome.error() != null) {
      return Answer.xmlError(outcome.error(), namespace, requestId);
    }
    ServiceReply.Xml reply = (ServiceReply.Xml) outcome.reply();
    XmlWriter xml = new XmlWriter().start(action + "Response", namespace);
    if (reply.result() != null) {
      xml.start(action + "Result");
      reply.result().accept(xml);
      xml.end();
    }
    xml.start("ResponseMetadata").element("RequestId", requestId).end().end();
    return new Answer(
        200,
        "text/xml",
        xml.finish().getBytes(StandardCharsets.UTF_8),
        Map.of("x-amzn-RequestId", requestId));
  }

  private record Outcome(ServiceReply reply, AwsServiceError error) {}

  /** What every record of one request shares: when it arrived, who made it, its id. */
  private record Arrival(Instant now, String caller, String requestId) {}

  /** Records the call in the request log: answered 200, or with {@code error} when not null. */
  private void record(
      Arrival arrival,
      EmulatedService service,
      Operation operation,
      String iamAction,
      JsonNode parameters,
      AwsServiceError error) {
    record(
        arrival,
        service.signingName(),
        operation.name(),
        iamAction,
        operation.mutating(),
        parameters,
        error);
  }

  private void record(
      Arrival arrival,
      String service,
      String operation,
      String iamAction,
      boolean mutating,
      JsonNode parameters,
      AwsServiceError error) {
    log.record(
        sequence ->
            new RecordedCall(
                sequence,
                arrival.now(),
                service,
                operation,
                iamAction,
                mutating,
                parameters,
                error == null ? 200 : error.httpStatus(),
                error == null ? null : error.code(),
                arrival.caller(),
                arrival.requestId()));
  }

  /** Runs the operation on the request's input and records the call with its outcome. */
  private Outcome runAndRecord(
      EmulatedService service,
      Operation operation,
      String iamAction,
      JsonNode input,
      Arrival arrival) {
    return runAndRecord(service, operation, iamAction, input, input, arrival);
  }

  /** The same, recording {@code logged} in place of the input (a body's bytes left out). */
  private Outcome runAndRecord(
      EmulatedService service,
      Operation operation,
      String iamAction,
      JsonNode input,
      JsonNode logged,
      Arrival arrival) {
    ServiceRequest request =
        new ServiceRequest(
            service.signingName(),
            operation.name(),
            input,
            arrival.requestId(),
            arrival.now(),
            arrival.caller());
    Outcome outcome = run(service, operation, request);
    record(arrival, service, operation, iamAction, logged, outcome.error());
    return outcome;
  }

  private Outcome run(EmulatedService service, Operation operation, ServiceRequest request) {
    try {
      // What the scenario's users did since the last request happens first, at its own time,
      // in the emulator's own Region, where the scenario's resources are.
      RequestRegion.serving(
          LocalAccount.REGION,
          () -> {
            scheduled.applyDue(request.time());
            return null;
          });
    } catch (RuntimeException bug) {
      return emulatorFailure(service, operation, bug);
    }
    Optional<String> denial;
    try {
      denial = authorizer.denial(service, request, service.iamAction(operation.name()));
    } catch (RuntimeException bug) {
      return emulatorFailure(service, operation, bug);
    }
    if (denial.isPresent()) {
      // IAM decides before the service does anything; a denied call changes nothing.
      return new Outcome(null, service.accessDenied(denial.get()));
    }
    Optional<AwsServiceError> fault = faults.intercept(service, operation.name());
    if (fault.isPresent()) {
      return new Outcome(null, fault.get());
    }
    try {
      ServiceReply reply = operation.handler().handle(request);
      if (reply == null || !carries(service.protocol(), reply)) {
        throw new IllegalStateException(
            service.signingName()
                + ":"
                + operation.name()
                + " answered "
                + reply
                + ", which its protocol cannot carry");
      }
      return new Outcome(reply, null);
    } catch (AwsServiceError error) {
      return new Outcome(null, error);
    } catch (RuntimeException bug) {
      return emulatorFailure(service, operation, bug);
    }
  }

  private static boolean carries(WireProtocol protocol, ServiceReply reply) {
    if (protocol instanceof WireProtocol.AwsJson) {
      return reply instanceof ServiceReply.Json;
    }
    if (protocol instanceof WireProtocol.AwsQuery) {
      return reply instanceof ServiceReply.Xml;
    }
    return reply instanceof ServiceReply.Rest;
  }

  private Answer dispatchRest(
      ServiceDirectory.Registered registered,
      WireProtocol.RestXml protocol,
      RestRouter.RestCall call,
      Arrival arrival) {
    EmulatedService service = registered.service();
    boolean head = call.method().equals("HEAD");
    RestRouter.Routed routed;
    try {
      routed = protocol.router().route(call);
    } catch (AwsServiceError error) {
      ObjectNode logged = JsonNodeFactory.instance.objectNode();
      logged.put("method", call.method()).put("path", call.rawPath());
      record(arrival, service.signingName(), null, null, false, logged, error);
      return Answer.restError(error, call.rawPath(), arrival.requestId(), head);
    }
    Operation operation = registered.operations().get(routed.operation());
    String iamAction = service.iamAction(routed.operation());
    if (operation == null) {
      AwsServiceError error =
          new AwsServiceError(
              "NotImplemented",
              501,
              routed.operation() + " is not implemented by the studio-lifecycle emulator.");
      record(
          arrival,
          service.signingName(),
          routed.operation(),
          iamAction,
          false,
          routed.logged(),
          error);
      return Answer.restError(error, routed.resource(), arrival.requestId(), head);
    }
    Outcome outcome =
        runAndRecord(service, operation, iamAction, routed.input(), routed.logged(), arrival);
    if (outcome.error() != null) {
      return Answer.restError(outcome.error(), routed.resource(), arrival.requestId(), head);
    }
    ServiceReply.Rest reply = (ServiceReply.Rest) outcome.reply();
    Map<String, String> answerHeaders = new LinkedHashMap<>(reply.headers());
    answerHeaders.put("x-amz-request-id", arrival.requestId());
    return new Answer(
        reply.status(),
        reply.contentType() == null ? "application/xml" : reply.contentType(),
        head ? new byte[0] : reply.body(),
        answerHeaders);
  }

  /** An emulator defect must surface as a 500 the caller sees, and in the log with its cause. */
  private static Outcome emulatorFailure(
      EmulatedService service, Operation operation, RuntimeException bug) {
    LOG.log(
        System.Logger.Level.ERROR,
        "emulator failure in " + service.signingName() + ":" + operation.name(),
        bug);
    return new Outcome(
        null,
        new AwsServiceError(
            "InternalFailure",
            500,
            "The studio-lifecycle emulator failed in " + operation.name() + ": " + bug));
  }
}
