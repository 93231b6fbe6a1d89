/** SNS topics, subscriptions and the messages published to them. */
package dev.studiolifecycle.local.emulator.sns;
