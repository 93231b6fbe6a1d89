/**
 * The Amazon States Language interpreter: definitions, the engine that runs them in virtual time,
 * and the task integrations it calls.
 */
package dev.studiolifecycle.local.asl;
