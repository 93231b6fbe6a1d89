/** Systems Manager Parameter Store: GetParameter and PutParameter of String parameters. */
package dev.studiolifecycle.local.emulator.ssm;
