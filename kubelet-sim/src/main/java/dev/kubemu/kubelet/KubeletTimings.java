package dev.kubemu.kubelet;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How long the simulated kubelets take: pulling an image the node does not have yet, starting containers, and
 * stopping them on delete (never longer than the pod's grace period).
 */
public record KubeletTimings(Duration imagePull, Duration containerStart, Duration shutdown) {
  /** The longest delay {@link #parse} accepts: anything longer is a typo, not a workshop setting. */
  static final Duration MAX = Duration.ofHours(1);

  public KubeletTimings {
    Objects.requireNonNull(imagePull, "imagePull");
    Objects.requireNonNull(containerStart, "containerStart");
    Objects.requireNonNull(shutdown, "shutdown");
    if (imagePull.isNegative() || containerStart.isNegative() || shutdown.isNegative()) {
      throw new IllegalArgumentException("kubelet timings must not be negative: " + imagePull + ", "
          + containerStart + ", " + shutdown);
    }
  }

  /** Everything at once: for tests that advance a virtual clock. */
  public static KubeletTimings instant() {
    return new KubeletTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Close to a small real cluster with warm caches: for workshops, where the transitions should be visible. */
  public static KubeletTimings realistic() {
    return new KubeletTimings(Duration.ofMillis(1500), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  /**
   * Reads the launcher's spelling: {@code realistic}, {@code instant}, or a comma-separated list of
   * {@code pull=D}, {@code start=D} and {@code stop=D} where D is a duration as Go writes it ({@code 0},
   * {@code 500ms}, {@code 1.5s}, {@code 2m}); keys left out keep their realistic value.
   *
   * @throws IllegalArgumentException with a message fit to follow the option's name
   */
  public static KubeletTimings parse(String spec) {
    String text = spec.trim();
    if (text.equals("realistic")) {
      return realistic();
    }
    if (text.equals("instant")) {
      return instant();
    }
    KubeletTimings base = realistic();
    Duration pull = base.imagePull();
    Duration start = base.containerStart();
    Duration stop = base.shutdown();
    Set<String> seen = new HashSet<>();
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
      if (eq < 0 || !Set.of("pull", "start", "stop").contains(key)) {
        throw new IllegalArgumentException("\"" + spec + "\" is not realistic, instant or a list of pull=, start= "
            + "and stop= durations (e.g. pull=3s,start=1s,stop=2s)");
      }
      if (!seen.add(key)) {
        throw new IllegalArgumentException(key + "= is given twice in \"" + spec + "\"");
      }
      Duration d = duration(key, part.substring(eq + 1).trim());
      switch (key) {
        case "pull" -> pull = d;
        case "start" -> start = d;
        default -> stop = d;
      }
    }
    return new KubeletTimings(pull, start, stop);
  }

  /** A non-negative duration with a unit ({@code ms}, {@code s}, {@code m}, {@code h}), or a bare {@code 0}. */
  private static Duration duration(String key, String value) {
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    long nanosPerUnit;
    String number;
    if (lower.endsWith("ms")) {
      nanosPerUnit = 1_000_000L;
      number = lower.substring(0, lower.length() - 2);
    } else if (lower.endsWith("s")) {
      nanosPerUnit = 1_000_000_000L;
      number = lower.substring(0, lower.length() - 1);
    } else if (lower.endsWith("m")) {
      nanosPerUnit = 60_000_000_000L;
      number = lower.substring(0, lower.length() - 1);
    } else if (lower.endsWith("h")) {
      nanosPerUnit = 3_600_000_000_000L;
      number = lower.substring(0, lower.length() - 1);
    } else {
      throw new IllegalArgumentException(key + "=" + value + " needs a unit (ms, s, m or h), e.g. " + key + "=2s");
    }
    BigDecimal amount;
    try {
      if (!number.matches("\\d+(\\.\\d+)?")) {
        throw new NumberFormatException(number);
      }
      amount = new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + value + " is not a duration (e.g. 500ms, 1.5s, 2m)");
    }
    BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
    if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
      throw new IllegalArgumentException(key + "=" + value + " is longer than " + MAX.toHours() + "h");
    }
    return Duration.ofNanos(nanos.longValue());
  }
}
