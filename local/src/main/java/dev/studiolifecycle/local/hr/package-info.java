/**
 * HR events delivered as AWS would deliver them: through the rules, or through SNS and the
 * StartWorkflow function.
 */
package dev.studiolifecycle.local.hr;
