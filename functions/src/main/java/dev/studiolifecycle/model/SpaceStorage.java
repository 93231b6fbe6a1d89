package dev.studiolifecycle.model;

/**
 * The EBS volume of the user's private spaces ({@code
 * SpaceStorageSettings.DefaultEbsStorageSettings}): the size a new space gets and the most the user
 * may give one, in GB.
 */
public record SpaceStorage(Integer defaultSizeInGb, Integer maximumSizeInGb) {}
