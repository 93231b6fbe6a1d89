/**
 * The local runtime of studio-lifecycle: the template, state machine and handlers run in one JVM
 * against an emulator of the AWS APIs, in virtual time. {@link LocalAccount} is the one account
 * everything local plays; {@link LocalJson} the one JSON mapper.
 */
package dev.studiolifecycle.local;
