package dev.studiolifecycle.local.template;

/**
 * A template.yaml that the local runtime cannot use: the message names the resource, property or
 * reference at fault.
 */
public class TemplateException extends RuntimeException {

  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
