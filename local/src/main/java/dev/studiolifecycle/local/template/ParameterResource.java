package dev.studiolifecycle.local.template;

/** An AWS::SSM::Parameter of the template, its name and value resolved. */
public record ParameterResource(String logicalId, String name, String type, String value) {}
