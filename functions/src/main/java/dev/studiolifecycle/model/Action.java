package dev.studiolifecycle.model;

/** What a request asks for: add a user to a Studio domain, or remove one. */
public enum Action {
  ONBOARD,
  OFFBOARD
}
