/** The AWS wire protocols: SigV4 credential scopes, query parameters, XML. */
package dev.studiolifecycle.local.emulator.wire;
