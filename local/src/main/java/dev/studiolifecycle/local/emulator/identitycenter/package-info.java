/**
 * IAM Identity Center: its identity store (users, groups, memberships) and the application
 * assignments of SSO admin, over their awsJson protocols, seeded from scenario files.
 */
package dev.studiolifecycle.local.emulator.identitycenter;
