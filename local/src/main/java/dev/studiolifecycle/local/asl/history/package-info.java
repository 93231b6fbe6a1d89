/** Execution history events, as GetExecutionHistory returns them. */
package dev.studiolifecycle.local.asl.history;
