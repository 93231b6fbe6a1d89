package dev.studiolifecycle.roster;

/**
 * A roster file that cannot be read at all: an unknown format, a CSV header that misses a required
 * column or names one the roster does not have. Nothing of it is used.
 */
public final class RosterFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RosterFormatException(String message) {
    super(message);
  }
}
