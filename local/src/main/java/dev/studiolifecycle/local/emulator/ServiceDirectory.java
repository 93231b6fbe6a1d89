package dev.studiolifecycle.local.emulator;

import dev.studiolifecycle.local.LocalAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The services the emulator serves, by signing name and Region: the emulator's own Region's as
 * registered, another Region's as the provider makes them when a client first names that Region.
 * IAM, STS and S3 are global (S3's bucket names are one namespace); every other service has an
 * instance per Region.
 */
final class ServiceDirectory {

  /** A service and its operations by name. */
  record Registered(EmulatedService service, Map<String, Operation> operations) {}

  /** Services with one instance for every Region. */
  static final Set<String> GLOBAL = Set.of("iam", "sts", "s3");

  private final Map<String, Registered> home = new ConcurrentHashMap<>();

  /** The services a request for another Region reaches, by {@code <region>/<signing name>}. */
  private final Map<String, Registered> elsewhere = new ConcurrentHashMap<>();

  private volatile BiFunction<String, String, Optional<EmulatedService>> otherRegions =
      (signingName, region) -> Optional.empty();

  /** Registers (or replaces) a service of the emulator's own Region. */
  void register(EmulatedService service) {
    home.put(service.signingName(), registered(service));
  }

  /**
   * Where the services of the Regions other than the emulator's own come from: given a signing name
   * and a Region, that Region's instance, or empty when the emulator serves the service in its own
   * Region only.
   */
  void otherRegions(BiFunction<String, String, Optional<EmulatedService>> value) {
    this.otherRegions = value;
  }

  /** The service a request signed for {@code region} reaches; null when none. */
  Registered lookup(String signingName, String region) {
    Registered own = home.get(signingName);
    if (own == null || region.equals(LocalAccount.REGION) || GLOBAL.contains(signingName)) {
      return own;
    }
    return elsewhere.computeIfAbsent(
        region + "/" + signingName,
        key ->
            otherRegions.apply(signingName, region).map(ServiceDirectory::registered).orElse(null));
  }

  /** The emulator's own Region's service under a signing name. */
  Optional<EmulatedService> service(String signingName) {
    return Optional.ofNullable(home.get(signingName)).map(Registered::service);
  }

  /** The signing names served, sorted. */
  List<String> names() {
    return List.copyOf(new TreeSet<>(home.keySet()));
  }

  private static Registered registered(EmulatedService service) {
    Map<String, Operation> byName = new LinkedHashMap<>();
    for (Operation operation : service.operations()) {
      if (byName.put(operation.name(), operation) != null) {
        throw new IllegalArgumentException(
            service.signingName() + " declares operation " + operation.name() + " twice");
      }
    }
    return new Registered(service, Map.copyOf(byName));
  }
}
