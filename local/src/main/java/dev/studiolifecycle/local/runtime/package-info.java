/**
 * Composition: the emulator, the interpreter and the Lambda runtime wired together for a workflow
 * run, an ASL file run, or a Studio user.
 */
package dev.studiolifecycle.local.runtime;
