/**
 * A state machine definition, parsed and checked: one {@link
 * dev.studiolifecycle.local.asl.definition.StateRules} per state type.
 */
package dev.studiolifecycle.local.asl.definition;
