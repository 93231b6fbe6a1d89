/**
 * The {@code studio-lifecycle} command: options and exit codes only; the work is in {@code
 * runtime}.
 */
package dev.studiolifecycle.local.cli;
