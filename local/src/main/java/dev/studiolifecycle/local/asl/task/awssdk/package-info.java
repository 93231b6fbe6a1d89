/** {@code aws-sdk:*} tasks, run through the real AWS SDK clients. */
package dev.studiolifecycle.local.asl.task.awssdk;
