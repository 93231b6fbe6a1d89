package dev.studiolifecycle.local.lambda;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.asl.task.LambdaFunctions;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invokes the project's Lambda handlers in-process, as the Java Lambda runtime would: each
 * function's handler class is loaded and instantiated once (with the function's template
 * environment), events and results go through the runtime's serializers, and an exception becomes
 * Lambda's function error with the runtime's error document. What handlers print goes to the
 * handler output sink, never to standard output.
 */
public final class LambdaRuntime implements LambdaFunctions {

  private static final Pattern FULL_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([A-Za-z0-9_-]+)(?::([^:]+))?");
  private static final Pattern PARTIAL_ARN =
      Pattern.compile("(\\d{12}):function:([A-Za-z0-9_-]+)(?::([^:]+))?");
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-]+)(?::([^:]+))?");
  private static final String PUBLISHED_VERSION = "1";

  private final Map<String, FunctionDefinition> functions;
  private final ClassLoader classLoader;
  private final PrintStream handlerOutput;
  private final Clock clock;
  private final Map<String, HandlerBinding> bindings = new ConcurrentHashMap<>();
  private final AtomicLong invocations = new AtomicLong();

  private LambdaRuntime(Builder builder) {
    this.functions = builder.functions;
    this.classLoader = builder.classLoader;
    this.handlerOutput = builder.handlerOutput;
    this.clock = builder.clock;
  }

  /** A runtime for every function of a template. */
  public static Builder builder(SamTemplate template) {
    return builder(template.functions().values());
  }

  public static Builder builder(Collection<FunctionDefinition> functions) {
    return new Builder(functions);
  }

  /**
   * The input and output types of a {@code RequestHandler} class, as the Java runtime finds them
   * (through superclasses too); null when the class binds none.
   */
  public static Type[] requestHandlerTypes(Class<?> handler) {
    return HandlerBinding.requestHandlerTypes(handler);
  }

  /** The function a FunctionName (name, partial or full ARN, any qualifier) refers to. */
  public Optional<FunctionDefinition> function(String functionName) {
    return target(functionName).filter(t -> !t.otherAccount()).map(t -> functions.get(t.name()));
  }

  /** A FunctionName taken apart: the function's name, its qualifier, whose account it is in. */
  private record Target(String name, String qualifier, boolean otherAccount) {}

  private static Optional<Target> target(String functionName) {
    Matcher full = FULL_ARN.matcher(functionName);
    if (full.matches()) {
      return Optional.of(
          new Target(
              full.group(3),
              full.group(4),
              !full.group(1).equals(LocalAccount.REGION)
                  || !full.group(2).equals(LocalAccount.ACCOUNT_ID)));
    }
    Matcher partial = PARTIAL_ARN.matcher(functionName);
    if (partial.matches()) {
      return Optional.of(
          new Target(
              partial.group(2),
              partial.group(3),
              !partial.group(1).equals(LocalAccount.ACCOUNT_ID)));
    }
    Matcher plain = NAME.matcher(functionName);
    if (plain.matches()) {
      return Optional.of(new Target(plain.group(1), plain.group(2), false));
    }
    return Optional.empty();
  }

  @Override
  public LambdaResponse invoke(String functionName, String qualifier, byte[] payload) {
    String requestId =
        UUID.nameUUIDFromBytes(
                (functionName + "#" + invocations.incrementAndGet())
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    Optional<Target> parsed = target(functionName);
    if (parsed.isEmpty()) {
      return new LambdaResponse.ServiceError(
          "ValidationException",
          "1 validation error "
              + "detected: Value '"
              + functionName
              + "' at 'functionName' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern",
          400,
          requestId);
    }
    String name = parsed.get().name();
    String derivedQualifier = parsed.get().qualifier();
    boolean otherAccount = parsed.get().otherAccount();
    if (derivedQualifier != null && qualifier != null && !derivedQualifier.equals(qualifier)) {
      return new LambdaResponse.ServiceError(
          "InvalidParameterValueException",
          "The derived "
              + "qualifier from the function name does not match the specified qualifier.",
          400,
          requestId);
    }
    String effectiveQualifier = derivedQualifier != null ? derivedQualifier : qualifier;
    String unqualifiedArn = LocalAccount.arn("lambda", "function:" + name);
    String invokedArn =
        effectiveQualifier == null ? unqualifiedArn : unqualifiedArn + ":" + effectiveQualifier;
    FunctionDefinition function = otherAccount ? null : functions.get(name);
    if (function == null) {
      return notFound(invokedArn, requestId);
    }
    String executedVersion;
    if (effectiveQualifier == null || effectiveQualifier.equals("$LATEST")) {
      executedVersion = "$LATEST";
    } else if (effectiveQualifier.equals(PUBLISHED_VERSION)
        || function.alias().filter(effectiveQualifier::equals).isPresent()) {
      // SAM's AutoPublishAlias points the alias at the version it published: 1 locally.
      executedVersion = PUBLISHED_VERSION;
    } else {
      return notFound(invokedArn, requestId);
    }
    return run(function, invokedArn, executedVersion, requestId, payload);
  }

  private LambdaResponse run(
      FunctionDefinition function,
      String invokedArn,
      String executedVersion,
      String requestId,
      byte[] payload) {
    // The handler's AWS calls carry the function's logical id, so that the emulator's request
    // log tells which function made each call (see CallerHeaderInterceptor).
    return CallerContext.callingAs(
        function.logicalId(),
        () -> runHandler(function, invokedArn, executedVersion, requestId, payload));
  }

  private LambdaResponse runHandler(
      FunctionDefinition function,
      String invokedArn,
      String executedVersion,
      String requestId,
      byte[] payload) {
    return StandardOutputRouter.divertedTo(
        handlerOutput,
        () -> {
          HandlerBinding binding;
          try {
            binding = binding(function);
          } catch (HandlerBinding.LoadFailure failure) {
            return new LambdaResponse.FunctionError(
                LambdaErrorDocument.of(failure.getMessage(), failure.errorType()),
                failure.errorType(),
                executedVersion,
                requestId);
          }
          LocalLambdaContext context =
              new LocalLambdaContext(
                  requestId,
                  function.functionName(),
                  executedVersion,
                  invokedArn,
                  logStream(function, executedVersion),
                  function.memorySize(),
                  clock.instant().plusSeconds(function.timeoutSeconds()),
                  clock,
                  handlerOutput);
          synchronized (binding) {
            try {
              return new LambdaResponse.Returned(
                  PowertoolsEnvironment.invoke(
                      function.environment(),
                      binding.firstInvocation(),
                      () -> invokeUnchecked(binding, payload, context)),
                  executedVersion,
                  requestId);
            } catch (Throwable caught) {
              // Whatever the handler throws is the function's error, as in Lambda: it is reported,
              // with its class, message and stack, not swallowed.
              Throwable thrown =
                  caught instanceof HandlerThrew carried ? carried.getCause() : caught;
              return new LambdaResponse.FunctionError(
                  LambdaErrorDocument.of(thrown),
                  LambdaErrorDocument.errorType(thrown),
                  executedVersion,
                  requestId);
            }
          }
        });
  }

  /** What a handler threw, carried through a Supplier to the invocation's catch. */
  private static final class HandlerThrew extends RuntimeException {
    HandlerThrew(Throwable cause) {
      super(cause);
    }
  }

  private static byte[] invokeUnchecked(
      HandlerBinding binding, byte[] payload, LocalLambdaContext context) {
    try {
      return binding.invoke(payload, context);
    } catch (Throwable thrown) {
      throw new HandlerThrew(thrown);
    }
  }

  private HandlerBinding binding(FunctionDefinition function) throws HandlerBinding.LoadFailure {
    HandlerBinding existing = bindings.get(function.functionName());
    if (existing != null) {
      return existing;
    }
    synchronized (bindings) {
      existing = bindings.get(function.functionName());
      if (existing != null) {
        return existing;
      }
      // A handler that fails to load is not cached: Lambda initialises again on the next call.
      ClassVersions.requireRunnable(function, classLoader);
      HandlerBinding binding =
          HandlerBinding.load(
              function.handlerClass(),
              function.handlerMethod().orElse(null),
              function.environment(),
              classLoader);
      bindings.put(function.functionName(), binding);
      return binding;
    }
  }

  private String logStream(FunctionDefinition function, String version) {
    String day =
        DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(clock.instant());
    String id =
        UUID.nameUUIDFromBytes(function.functionName().getBytes(StandardCharsets.UTF_8))
            .toString()
            .replace("-", "");
    return day + "/[" + version + "]" + id;
  }

  private static LambdaResponse notFound(String arn, String requestId) {
    return new LambdaResponse.ServiceError(
        "ResourceNotFoundException", "Function not found: " + arn, 404, requestId);
  }

  /** Configures a runtime. */
  public static final class Builder {
    private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
    private ClassLoader classLoader = LambdaRuntime.class.getClassLoader();
    private PrintStream handlerOutput = System.err;
    private Clock clock = Clock.systemUTC();

    private Builder(Collection<FunctionDefinition> functions) {
      functions.forEach(f -> this.functions.put(f.functionName(), f));
    }

    /** Where handler classes are loaded from; by default this runtime's own class loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Where what handlers print goes (System.out is diverted here); System.err by default. */
    public Builder handlerOutput(PrintStream sink) {
      this.handlerOutput = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The clock of Context.getRemainingTimeInMillis: the simulation clock in local runs. */
    public Builder clock(Clock newClock) {
      this.clock = Objects.requireNonNull(newClock, "clock");
      return this;
    }

    public LambdaRuntime build() {
      return new LambdaRuntime(this);
    }
  }
}
