/** Scenario files: what an emulator holds first, its faults and the users' timeline. */
package dev.studiolifecycle.local.emulator.scenario;
