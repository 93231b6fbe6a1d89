/**
 * What the awsJson services of the emulator share: each request held to its input shape in the API
 * model ({@link dev.studiolifecycle.local.emulator.json.ModelShapes}), members read with AWS's
 * checks and words ({@link dev.studiolifecycle.local.emulator.json.JsonInput}), pages of results.
 */
package dev.studiolifecycle.local.emulator.json;
