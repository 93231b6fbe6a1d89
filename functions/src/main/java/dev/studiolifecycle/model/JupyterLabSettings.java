package dev.studiolifecycle.model;

/** Default JupyterLab image and instance type for the user; either may be left out. */
public record JupyterLabSettings(String imageArn, String instanceType) {}
