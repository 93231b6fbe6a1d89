package dev.studiolifecycle.model;

/** DeleteApp's input: exactly one of an app or a space to delete. */
public record DeleteAppInput(Correlation correlation, AppRef app, SpaceRef space) {}
