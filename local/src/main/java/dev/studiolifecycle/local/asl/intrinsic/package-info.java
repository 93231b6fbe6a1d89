/** The intrinsic functions of the States language ({@code States.Format} and the others). */
package dev.studiolifecycle.local.asl.intrinsic;
