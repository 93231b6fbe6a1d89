package dev.studiolifecycle.local.emulator;

import dev.studiolifecycle.local.LocalAccount;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Region a request was signed for (its SigV4 credential scope), while the emulator serves it:
 * the Region in the ARNs and URLs a regional service makes. Outside a request (seeding a scenario,
 * the local runtime reading state) it is the emulator's own Region, {@link LocalAccount#REGION}.
 */
public final class RequestRegion {

  /**
   * A Region of the {@code aws} partition, the only one the emulator plays: {@code us-east-1},
   * {@code eu-central-2}, {@code ap-southeast-5}, {@code il-central-1}. China ({@code cn-}) and
   * GovCloud ({@code us-gov-}) Regions are other partitions, with other ARNs.
   */
  private static final Pattern AWS_PARTITION_REGION =
      Pattern.compile(
          "(us|eu|ap|ca|sa|me|af|il|mx)-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9]");

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestRegion() {}

  /** The Region of the request being served on this thread, else the emulator's own. */
  public static String current() {
    return Optional.ofNullable(CURRENT.get()).orElse(LocalAccount.REGION);
  }

  /** {@code arn:aws:<service>:<current Region>:<account>:<resource>}. */
  public static String arn(String service, String resource) {
    return LocalAccount.arnIn(current(), service, resource);
  }

  /** Whether a Region name is one of the {@code aws} partition's. */
  public static boolean isAwsPartitionRegion(String region) {
    return region != null && AWS_PARTITION_REGION.matcher(region).matches();
  }

  /** Runs {@code work} as the serving of a request signed for {@code region}. */
  static <T> T serving(String region, Supplier<T> work) {
    String previous = CURRENT.get();
    CURRENT.set(region);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
