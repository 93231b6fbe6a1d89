package dev.studiolifecycle.local.template;

/**
 * An output of the stack, as {@code aws cloudformation describe-stacks} gives it.
 *
 * @param description null when the output has none
 * @param exportName null when the output is not exported
 */
public record StackOutput(String key, String description, String value, String exportName) {}
