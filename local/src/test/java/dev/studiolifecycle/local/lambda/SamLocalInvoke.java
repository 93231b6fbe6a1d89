package dev.studiolifecycle.local.lambda;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What {@code sam local invoke} does with a function, in a JVM of its own whose process environment
 * is the function's: the handler built with its zero-argument constructor (so it reads {@code
 * System.getenv}, the SDK included), the event file through the Lambda runtime's serializers, the
 * response written to a file (the handler's logs keep standard output).
 *
 * <p>Arguments: the handler ({@code Class} or {@code Class::method}), the event file, the response
 * file.
 */
public final class SamLocalInvoke {

  private SamLocalInvoke() {}

  public static void main(String[] args) throws Throwable {
    String handler = args[0];
    int colons = handler.indexOf("::");
    String className = colons < 0 ? handler : handler.substring(0, colons);
    String method = colons < 0 ? null : handler.substring(colons + 2);
    HandlerBinding binding =
        HandlerBinding.load(className, method, null, SamLocalInvoke.class.getClassLoader());
    String function = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", className);
    LocalLambdaContext context =
        new LocalLambdaContext(
            UUID.randomUUID().toString(),
            function,
            "$LATEST",
            "arn:aws:lambda:us-east-1:123456789012:function:" + function,
            "sam-local",
            1024,
            Instant.now().plusSeconds(30),
            Clock.systemUTC(),
            new PrintStream(System.err, true));
    byte[] response = binding.invoke(Files.readAllBytes(Path.of(args[1])), context);
    Files.write(Path.of(args[2]), response);
  }
}
