package dev.studiolifecycle.model;

/** DeleteApp's output: the app or space it was given, and how the deletion went. */
public record DeleteAppResult(AppRef app, SpaceRef space, DeletionOutcome outcome) {}
