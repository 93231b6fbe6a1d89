/** JSONPath and Reference Paths, payload templates and the Context object. */
package dev.studiolifecycle.local.asl.path;
