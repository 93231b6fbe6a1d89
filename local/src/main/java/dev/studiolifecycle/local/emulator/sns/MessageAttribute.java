package dev.studiolifecycle.local.emulator.sns;

import java.util.Objects;

/**
 * One SNS message attribute as published. {@code stringValue} is null for Binary attributes, whose
 * base64 text is in {@code binaryValue}.
 */
public record MessageAttribute(String dataType, String stringValue, String binaryValue) {

  public MessageAttribute {
    Objects.requireNonNull(dataType, "dataType");
  }
}
