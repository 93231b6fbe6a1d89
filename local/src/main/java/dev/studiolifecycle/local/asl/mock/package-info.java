/** Step Functions Local mock configurations: test cases whose states answer from mocks. */
package dev.studiolifecycle.local.asl.mock;
