/**
 * The embedded emulator of the AWS APIs: one loopback port, the services' wire protocols, a request
 * log, faults and the authorization of every call.
 */
package dev.studiolifecycle.local.emulator;
