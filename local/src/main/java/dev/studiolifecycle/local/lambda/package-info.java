/**
 * The in-process Java Lambda runtime: handlers built and invoked as Lambda does, with their
 * serializers, context and environment.
 */
package dev.studiolifecycle.local.lambda;
