package dev.studiolifecycle.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler class bound the way the Java Lambda runtime binds it: {@code Class::method} picks the
 * public overload the runtime would (non-bridge first, longest signature, a trailing Context
 * counting one more); a bare class name must implement RequestHandler or RequestStreamHandler.
 * Inputs and outputs go through the runtime's own serializers: LambdaEventSerializers for
 * aws-lambda-java-events types, JacksonFactory for everything else, raw bytes for streams.
 */
final class HandlerBinding {

  private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

  /** Why a handler could not be loaded, as Lambda reports an init error. */
  static final class LoadFailure extends Exception {
    private final String errorType;

    LoadFailure(String message, String errorType, Throwable cause) {
      super(message, cause);
      this.errorType = errorType;
    }

    String errorType() {
      return errorType;
    }
  }

  /** How the bound method is called. */
  private interface Call {
    void run(InputStream input, OutputStream output, Context context) throws Throwable;
  }

  private final Call call;
  private boolean invoked;

  private HandlerBinding(Call call) {
    this.call = call;
  }

  /**
   * Whether this is the first invocation of the handler's instance (a cold start): true once, then
   * false. Callers hold the binding's lock, as they do for {@link #invoke}.
   */
  boolean firstInvocation() {
    boolean first = !invoked;
    invoked = true;
    return first;
  }

  /** Runs the handler on an event; throws what the handler throws. */
  byte[] invoke(byte[] payload, Context context) throws Throwable {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    call.run(new ByteArrayInputStream(payload), output, context);
    return output.toByteArray();
  }

  /**
   * Loads and instantiates a handler.
   *
   * @param environment given to a public constructor taking {@code Map<String, String>}, which
   *     handlers of this project have; otherwise the no-arg constructor is used, as by Lambda
   */
  static HandlerBinding load(
      String className, String methodName, Map<String, String> environment, ClassLoader loader)
      throws LoadFailure {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new LoadFailure("Class not found: " + className, e.getClass().getName(), e);
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new LoadFailure(
          "Error loading class " + className + ": " + cause.getMessage(),
          cause.getClass().getName(),
          cause);
    }
    if (methodName == null) {
      return interfaceBinding(type, environment, loader);
    }
    return methodBinding(type, methodName, environment, loader);
  }

  private static HandlerBinding interfaceBinding(
      Class<?> type, Map<String, String> environment, ClassLoader loader) throws LoadFailure {
    if (RequestStreamHandler.class.isAssignableFrom(type)) {
      RequestStreamHandler handler = (RequestStreamHandler) instantiate(type, environment);
      return new HandlerBinding(handler::handleRequest);
    }
    if (RequestHandler.class.isAssignableFrom(type)) {
      Type[] types = requestHandlerTypes(type);
      if (types == null || Arrays.stream(types).anyMatch(t -> t instanceof TypeVariable)) {
        throw new LoadFailure(
            "Class "
                + type.getName()
                + " does not implement RequestHandler "
                + "with concrete type parameters",
            "java.lang.IllegalArgumentException",
            null);
      }
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> handler =
          (RequestHandler<Object, Object>) instantiate(type, environment);
      return pojo(
          types[0], types[1], loader, (input, context) -> handler.handleRequest(input, context));
    }
    throw new LoadFailure(
        "Class does not implement an appropriate handler interface: " + type.getName(),
        "java.lang.IllegalArgumentException",
        null);
  }

  private static HandlerBinding methodBinding(
      Class<?> type, String methodName, Map<String, String> environment, ClassLoader loader)
      throws LoadFailure {
    List<Method> candidates =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(methodName))
            .sorted(PRIORITY)
            .toList();
    for (Method method : candidates) {
      Type[] parameters = method.getGenericParameterTypes();
      Type returnType = method.getGenericReturnType();
      if (isStreamSignature(parameters)) {
        Object instance = instanceFor(method, type, environment);
        return new HandlerBinding(
            (input, output, context) -> {
              Object[] args = new Object[parameters.length];
              for (int i = 0; i < parameters.length; i++) {
                args[i] =
                    parameters[i] == InputStream.class
                        ? input
                        : parameters[i] == OutputStream.class ? output : context;
              }
              call(method, instance, args);
            });
      }
      Type inputType = pojoInputType(parameters);
      if (inputType == null
          && !(parameters.length == 0
              || (parameters.length == 1 && parameters[0] == Context.class))) {
        continue;
      }
      boolean needsContext =
          parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
      Object instance = instanceFor(method, type, environment);
      return pojo(
          inputType,
          returnType,
          loader,
          (input, context) -> {
            Object[] args = new Object[parameters.length];
            int i = 0;
            if (inputType != null) {
              args[i++] = input;
            }
            if (needsContext) {
              args[i] = context;
            }
            return call(method, instance, args);
          });
    }
    throw new LoadFailure(
        "No public method named "
            + methodName
            + " with appropriate method "
            + "signature found on class "
            + type.getName(),
        "java.lang.IllegalArgumentException",
        null);
  }

  /** (InputStream[, OutputStream][, Context]) and (OutputStream[, Context]) signatures. */
  private static boolean isStreamSignature(Type[] p) {
    if (p.length == 3) {
      return p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
    }
    if (p.length == 2) {
      return (p[0] == InputStream.class && (p[1] == OutputStream.class || p[1] == Context.class))
          || (p[0] == OutputStream.class && p[1] == Context.class);
    }
    return p.length == 1 && (p[0] == InputStream.class || p[0] == OutputStream.class);
  }

  /** The event type of (Event) or (Event, Context), or null when there is no event. */
  private static Type pojoInputType(Type[] p) {
    if (p.length == 1 && p[0] != Context.class) {
      return p[0];
    }
    if (p.length == 2 && p[0] != Context.class && p[1] == Context.class) {
      return p[0];
    }
    return null;
  }

  /** The runtime's overload order: non-bridge first, then longer signatures (Context counts 2). */
  private static final Comparator<Method> PRIORITY =
      Comparator.comparing(Method::isBridge).thenComparing(m -> -weight(m));

  private static int weight(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    boolean context = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
    return parameters.length + (context ? 1 : 0);
  }

  /** A handler taking and returning POJOs, bridged to streams through the serializers. */
  private interface PojoCall {
    Object apply(Object input, Context context) throws Throwable;
  }

  private static HandlerBinding pojo(
      Type inputType, Type outputType, ClassLoader loader, PojoCall handler) {
    PojoSerializer<Object> input = inputType == null ? null : serializer(inputType, loader);
    boolean voidOutput = outputType == void.class || outputType == Void.class;
    PojoSerializer<Object> output = voidOutput ? null : serializer(outputType, loader);
    return new HandlerBinding(
        (in, out, context) -> {
          Object event;
          try {
            event = input == null ? null : input.fromJson(in);
          } catch (RuntimeException e) {
            // The Lambda runtime reports a payload its serializer cannot map this way.
            throw new RuntimeException("An error occurred during JSON parsing", e);
          }
          Object result = handler.apply(event, context);
          if (output == null) {
            out.write(JSON_NULL);
            return;
          }
          try {
            output.toJson(result, out);
          } catch (RuntimeException e) {
            throw new RuntimeException(
                "An error occurred during JSON serialization of response", e);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
    if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  private static Object call(Method method, Object instance, Object[] args) throws Throwable {
    try {
      return method.invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
  }

  private static Object instanceFor(Method method, Class<?> type, Map<String, String> environment)
      throws LoadFailure {
    return Modifier.isStatic(method.getModifiers()) ? null : instantiate(type, environment);
  }

  /** Through {@code public Type(Map<String, String>)} if there is one, else {@code Type()}. */
  /**
   * The handler instance: built with its function's environment through a {@code Map} constructor
   * when there is one and {@code environment} is given (in-process, where the process environment
   * is not the function's), else with its zero-argument constructor, as Lambda builds it.
   */
  private static Object instantiate(Class<?> type, Map<String, String> environment)
      throws LoadFailure {
    Constructor<?> constructor;
    Object[] args;
    try {
      if (environment == null) {
        throw new NoSuchMethodException("the process environment is the function's");
      }
      constructor = type.getConstructor(Map.class);
      args = new Object[] {environment};
    } catch (NoSuchMethodException e) {
      try {
        constructor = type.getConstructor();
        args = new Object[0];
      } catch (NoSuchMethodException none) {
        throw new LoadFailure(
            "Class " + type.getName() + " has no public zero-argument " + "constructor",
            none.getClass().getName(),
            none);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new LoadFailure(
          cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage(),
          cause.getClass().getName(),
          cause);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new LoadFailure(
          "Cannot instantiate " + type.getName() + ": " + e, e.getClass().getName(), e);
    }
  }

  /**
   * RequestHandler's type arguments as the class binds them, through superclasses too (as the
   * runtime interface client's findInterfaceParameters does); null when it binds none.
   */
  static Type[] requestHandlerTypes(Class<?> type) {
    return find(type, Map.of());
  }

  private static Type[] find(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
    for (Type candidate : type.getGenericInterfaces()) {
      Type[] found = inspect(candidate, bindings);
      if (found != null) {
        return found;
      }
    }
    Type superclass = type.getGenericSuperclass();
    return superclass == null ? null : inspect(superclass, bindings);
  }

  private static Type[] inspect(Type candidate, Map<TypeVariable<?>, Type> bindings) {
    if (candidate instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments =
          Arrays.stream(parameterized.getActualTypeArguments())
              .map(
                  a ->
                      a instanceof TypeVariable<?> variable && bindings.containsKey(variable)
                          ? bindings.get(variable)
                          : a)
              .toArray(Type[]::new);
      if (raw == RequestHandler.class) {
        return arguments;
      }
      Map<TypeVariable<?>, Type> next = new HashMap<>();
      TypeVariable<?>[] variables = raw.getTypeParameters();
      for (int i = 0; i < variables.length; i++) {
        next.put(variables[i], arguments[i]);
      }
      return find(raw, next);
    }
    if (candidate instanceof Class<?> raw && raw != RequestHandler.class) {
      return find(raw, Map.of());
    }
    return null;
  }
}
