/**
 * What the awsJson services of the emulator share: reading a request's members with AWS's checks
 * and words ({@link dev.studiolifecycle.local.emulator.json.JsonInput}), and pages of list results.
 */
package dev.studiolifecycle.local.emulator.json;
