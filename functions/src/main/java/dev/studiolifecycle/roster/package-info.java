/**
 * The roster: the HR system's export of who should have Studio access (CSV with a header, or JSON
 * lines), read and checked row by row for the nightly reconcile.
 */
package dev.studiolifecycle.roster;
