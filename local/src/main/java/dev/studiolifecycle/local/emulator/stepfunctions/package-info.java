/** The Step Functions API, served on top of the interpreter's engine. */
package dev.studiolifecycle.local.emulator.stepfunctions;
