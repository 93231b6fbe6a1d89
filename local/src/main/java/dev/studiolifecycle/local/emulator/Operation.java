package dev.studiolifecycle.local.emulator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One operation of an emulated service. {@code mutating} says whether it changes state (or has an
 * outside effect, like a publish), which the request log exposes to tests and policy derivation.
 */
public record Operation(String name, boolean mutating, OperationHandler handler) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

  public Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("operation names are PascalCase, got '" + name + "'");
    }
  }

  public static Operation reading(String name, OperationHandler handler) {
    return new Operation(name, false, handler);
  }

  public static Operation mutating(String name, OperationHandler handler) {
    return new Operation(name, true, handler);
  }
}
