/** What Task states call: Lambda functions, {@code sns:publish}, and the task invoker. */
package dev.studiolifecycle.local.asl.task;
