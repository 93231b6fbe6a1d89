package dev.studiolifecycle.local.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * AWS list prices in US East (N. Virginia), for telling what an execution costs. From the pricing
 * pages: Step Functions Standard Workflows bill each state transition, retries included
 * (aws.amazon.com/step-functions/pricing); Lambda bills each request and each GB-second of run time
 * (aws.amazon.com/lambda/pricing, first pricing tier, by architecture). Free tiers are left out:
 * they are per account and month, not per execution.
 */
public final class ListPrices {

  /** $0.025 per 1,000 state transitions. */
  public static final double STATE_TRANSITION_USD = 0.025 / 1_000;

  /** $0.20 per million requests. */
  public static final double LAMBDA_REQUEST_USD = 0.20 / 1_000_000;

  /** $0.0000166667 per GB-second on x86_64. */
  public static final double LAMBDA_GB_SECOND_USD_X86_64 = 0.0000166667;

  /** $0.0000133334 per GB-second on arm64. */
  public static final double LAMBDA_GB_SECOND_USD_ARM64 = 0.0000133334;

  /** A GB-second of run time on a function of this architecture. */
  public static double lambdaGbSecondUsd(String architecture) {
    return architecture.equals("arm64") ? LAMBDA_GB_SECOND_USD_ARM64 : LAMBDA_GB_SECOND_USD_X86_64;
  }

  private ListPrices() {}

  /** Dollars with enough digits for the millionths an execution costs: {@code $0.000526}. */
  static String usd(double amount) {
    String digits =
        new BigDecimal(amount)
            .setScale(7, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    int decimals = digits.indexOf('.') < 0 ? 0 : digits.length() - digits.indexOf('.') - 1;
    return "$" + (decimals >= 2 ? digits : new BigDecimal(digits).setScale(2).toPlainString());
  }
}
