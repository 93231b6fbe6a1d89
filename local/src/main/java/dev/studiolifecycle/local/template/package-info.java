/**
 * Reading template.yaml as SAM and CloudFormation would: resources, policies, intrinsic functions.
 * Nothing else.
 */
package dev.studiolifecycle.local.template;
