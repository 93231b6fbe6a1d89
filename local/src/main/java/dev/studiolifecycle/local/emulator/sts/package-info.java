/** STS GetCallerIdentity. */
package dev.studiolifecycle.local.emulator.sts;
