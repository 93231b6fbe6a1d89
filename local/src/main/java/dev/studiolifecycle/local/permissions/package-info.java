/**
 * IAM at the call: the template's policies (and a Studio user's role) evaluated for every call the
 * emulator serves.
 */
package dev.studiolifecycle.local.permissions;
