package dev.studiolifecycle.model;

/** One execution a fanned-out request starts: the domain, and the profile there. */
public record FanOutTarget(String domainId, String userProfileName) {}
