package dev.studiolifecycle.local.emulator;

import java.util.Random;
import java.util.UUID;

/**
 * Identifiers the services hand out (request ids, domain ids, role ids, message ids), drawn from a
 * seeded generator so that a run repeats exactly.
 */
public final class IdSource {

  private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String HEX = "0123456789abcdef";

  private final Random random;

  public IdSource(long seed) {
    this.random = new Random(seed);
  }

  /** A version-4 style UUID string. */
  public synchronized String uuid() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  public String lowerAlphanumeric(int length) {
    return draw(LOWER_ALPHANUMERIC, length);
  }

  public String upperAlphanumeric(int length) {
    return draw(UPPER_ALPHANUMERIC, length);
  }

  public String hex(int length) {
    return draw(HEX, length);
  }

  private synchronized String draw(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
