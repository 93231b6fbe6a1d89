/** One way to tell an execution to a person: its timeline, notifications and figures. */
package dev.studiolifecycle.local.report;
