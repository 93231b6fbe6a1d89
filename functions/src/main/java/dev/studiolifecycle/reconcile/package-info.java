/**
 * The nightly reconcile: what every served domain should look like by the roster, as a plan of
 * joiners, movers, leavers, rehires, profiles the workflow does not manage, and the unchanged.
 */
package dev.studiolifecycle.reconcile;
