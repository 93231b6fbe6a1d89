package dev.studiolifecycle.model;

/**
 * Canvas time-series forecasting: on or off, with an existing Amazon Forecast role ({@code
 * roleArn}) or, when that is absent, the user's execution role.
 */
public record TimeSeriesForecasting(Boolean enabled, String roleArn) {

  /** Whether forecasting is switched on. */
  public boolean switchedOn() {
    return Boolean.TRUE.equals(enabled);
  }
}
