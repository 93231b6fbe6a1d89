/** Faults a scenario injects: throttling and failures. */
package dev.studiolifecycle.local.emulator.fault;
