/**
 * The engine that runs executions on a scheduler in virtual time: one {@link
 * dev.studiolifecycle.local.asl.engine.StateRunner} per state type.
 */
package dev.studiolifecycle.local.asl.engine;
