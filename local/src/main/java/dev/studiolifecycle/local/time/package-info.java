/** Simulation clocks: virtual time, and real time scaled. */
package dev.studiolifecycle.local.time;
