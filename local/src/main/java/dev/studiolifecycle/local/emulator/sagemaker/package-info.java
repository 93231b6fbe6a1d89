/** SageMaker's Studio APIs (domains, user profiles, apps, spaces, tags), split by resource. */
package dev.studiolifecycle.local.emulator.sagemaker;
