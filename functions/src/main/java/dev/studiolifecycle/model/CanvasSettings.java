package dev.studiolifecycle.model;

/**
 * SageMaker Canvas options: {@code basePermissions} attaches the Canvas managed policies to a role
 * this workflow creates; {@code timeSeriesForecasting} turns forecasting on or off.
 */
public record CanvasSettings(Boolean basePermissions, TimeSeriesForecasting timeSeriesForecasting) {

  /** Whether the Canvas base policies are asked for. */
  public boolean wantsBasePermissions() {
    return Boolean.TRUE.equals(basePermissions);
  }

  /** Whether time-series forecasting is asked for. */
  public boolean wantsForecasting() {
    return timeSeriesForecasting != null && timeSeriesForecasting.switchedOn();
  }
}
