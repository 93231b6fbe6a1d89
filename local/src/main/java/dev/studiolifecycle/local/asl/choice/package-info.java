/** Choice rules: their parsing and their comparison operators. */
package dev.studiolifecycle.local.asl.choice;
