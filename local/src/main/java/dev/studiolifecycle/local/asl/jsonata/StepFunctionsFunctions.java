package dev.studiolifecycle.local.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The JSONata functions Step Functions adds, and those it changes (developer guide, "Transforming
 * data with JSONata in Step Functions", JSONata functions provided by Step Functions): {@code
 * $partition(array, size)}, {@code $range(start, end, step)}, {@code $hash(data, algorithm)},
 * {@code $random([seed])}, {@code $uuid()}, {@code $parse(json)}; {@code $eval} is not available.
 * {@code $now()} and {@code $millis()} read the interpreter's clock, so that they follow virtual
 * time.
 *
 * <p>Where the guide gives no limit, the limits of the intrinsic each replaces apply: a range of at
 * most 1,000 numbers (States.ArrayRange), the five digests of States.Hash.
 */
public final class StepFunctionsFunctions {

  static final int MAX_RANGE = 1000;

  private static final List<String> HASH_ALGORITHMS =
      List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /** JSONata's $now(): ISO 8601 in UTC with milliseconds, {@code 2017-05-15T15:12:59.152Z}. */
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final RandomGenerator random;

  /**
   * @param random the source of unseeded {@code $random()} and of {@code $uuid()}
   */
  public StepFunctionsFunctions(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Binds the functions into an evaluation's frame. */
  void bindTo(Jsonata.Frame frame, Supplier<Instant> now) {
    frame.bind("partition", fn("partition", this::partition));
    frame.bind("range", fn("range", this::range));
    frame.bind("hash", fn("hash", this::hash));
    frame.bind("random", fn("random", this::random));
    frame.bind("uuid", fn("uuid", args -> uuid(args)));
    frame.bind("parse", fn("parse", this::parse));
    frame.bind(
        "eval",
        fn(
            "eval",
            args -> {
              throw new JException(
                  "$eval is not available in Step Functions; use $parse to read JSON text", 0);
            }));
    frame.bind(
        "now",
        fn(
            "now",
            args -> {
              noArguments("$now", args, " (a picture or time zone is not supported locally)");
              return ISO_MILLIS.format(now.get().truncatedTo(ChronoUnit.MILLIS));
            }));
    frame.bind(
        "millis",
        fn(
            "millis",
            args -> {
              noArguments("$millis", args, "");
              return now.get().toEpochMilli();
            }));
  }

  private static Jsonata.JFunction fn(String name, Jsonata.FnVarArgs<Object> body) {
    return Jsonata.function(name, body, null);
  }

  private Object partition(List<?> args) {
    arguments("$partition", args, 2);
    List<?> array = array(args.get(0), "$partition: the first argument");
    int size = (int) integer(args.get(1), "$partition: the chunk size");
    if (size < 1) {
      throw new JException("$partition: the chunk size must be a positive integer, got " + size, 0);
    }
    List<Object> chunks = new ArrayList<>();
    for (int start = 0; start < array.size(); start += size) {
      chunks.add(new ArrayList<>(array.subList(start, Math.min(array.size(), start + size))));
    }
    return chunks;
  }

  private Object range(List<?> args) {
    arguments("$range", args, 3);
    long start = integer(args.get(0), "$range: the start");
    long end = integer(args.get(1), "$range: the end");
    long step = integer(args.get(2), "$range: the step");
    if (step == 0) {
      throw new JException("$range: the step must not be 0", 0);
    }
    List<Object> values = new ArrayList<>();
    for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
      if (values.size() == MAX_RANGE) {
        throw new JException("$range: the range has more than " + MAX_RANGE + " numbers", 0);
      }
      values.add(value);
    }
    return values;
  }

  private Object hash(List<?> args) {
    arguments("$hash", args, 2);
    if (!(args.get(0) instanceof String data)) {
      throw new JException("$hash: the data must be a string", 0);
    }
    if (!(args.get(1) instanceof String algorithm) || !HASH_ALGORITHMS.contains(algorithm)) {
      throw new JException(
          "$hash: the algorithm must be one of " + HASH_ALGORITHMS + ", got " + args.get(1), 0);
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide these five digests.
      throw new IllegalStateException("The Java runtime lacks " + algorithm, e);
    }
  }

  private Object random(List<?> args) {
    if (args.size() > 1) {
      throw new JException("$random takes at most one argument (a seed)", 0);
    }
    if (args.size() == 1 && args.get(0) != null) {
      return new Random(integer(args.get(0), "$random: the seed")).nextDouble();
    }
    synchronized (random) {
      return random.nextDouble();
    }
  }

  private Object uuid(List<?> args) {
    noArguments("$uuid", args, "");
    long high;
    long low;
    synchronized (random) {
      high = random.nextLong();
      low = random.nextLong();
    }
    return new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }

  private Object parse(List<?> args) {
    arguments("$parse", args, 1);
    if (!(args.get(0) instanceof String text)) {
      throw new JException("$parse: the argument must be a string of JSON", 0);
    }
    return JsonataTemplates.parseJson(text);
  }

  private static void arguments(String function, List<?> args, int count) {
    if (args.size() != count) {
      throw new JException(
          function
              + " takes "
              + count
              + " argument"
              + (count == 1 ? "" : "s")
              + ", got "
              + args.size(),
          0);
    }
  }

  private static void noArguments(String function, List<?> args, String why) {
    if (!args.isEmpty()) {
      throw new JException(function + " takes no arguments" + why, 0);
    }
  }

  private static List<?> array(Object value, String what) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new JException(what + " must be an array", 0);
  }

  private static long integer(Object value, String what) {
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      return number.longValue();
    }
    throw new JException(what + " must be an integer, got " + value, 0);
  }
}
