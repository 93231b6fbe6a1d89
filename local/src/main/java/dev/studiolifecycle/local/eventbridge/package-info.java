/** EventBridge's routing: rules matched by event-ruler, input paths and transformers. */
package dev.studiolifecycle.local.eventbridge;
