package dev.studiolifecycle.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import java.nio.charset.StandardCharsets;

/**
 * The error document the Java Lambda runtime writes for an exception a handler throws: {@code
 * {"errorMessage": ..., "errorType": <class name>, "stackTrace": [...]}}, with the stack cut where
 * the runtime's own frames begin, as the runtime's LambdaErrorConverter does.
 */
final class LambdaErrorDocument {

  private static final String RUNTIME_PACKAGE = LambdaErrorDocument.class.getPackageName();

  private LambdaErrorDocument() {}

  static String errorType(Throwable throwable) {
    return throwable.getClass().getName();
  }

  static byte[] of(Throwable throwable) {
    String message =
        throwable.getLocalizedMessage() == null
            ? throwable.getClass().getName()
            : throwable.getLocalizedMessage();
    ObjectNode document = LocalJson.MAPPER.createObjectNode();
    document.put("errorMessage", message);
    document.put("errorType", errorType(throwable));
    ArrayNode trace = document.putArray("stackTrace");
    for (StackTraceElement frame : throwable.getStackTrace()) {
      if (isRuntimeFrame(frame)) {
        break;
      }
      trace.add(frame.toString());
    }
    return write(document);
  }

  /** A frame of this runtime's own classes (this package only, not packages below it). */
  private static boolean isRuntimeFrame(StackTraceElement frame) {
    String className = frame.getClassName();
    int lastDot = className.lastIndexOf('.');
    return lastDot > 0 && className.substring(0, lastDot).equals(RUNTIME_PACKAGE);
  }

  /** The document of an init error (a handler that cannot be loaded), which has no stack. */
  static byte[] of(String message, String errorType) {
    ObjectNode document = LocalJson.MAPPER.createObjectNode();
    document.put("errorMessage", message);
    document.put("errorType", errorType);
    return write(document);
  }

  private static byte[] write(ObjectNode document) {
    try {
      return LocalJson.MAPPER.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // An ObjectNode of strings always serialises; reaching this is a bug.
      throw new IllegalStateException(e);
    }
  }
}
