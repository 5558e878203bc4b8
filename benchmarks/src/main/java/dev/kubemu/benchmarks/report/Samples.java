package dev.kubemu.benchmarks.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A sorted set of measurements (any unit) with the statistics the report prints: median, spread, percentiles. */
public final class Samples {
  private final double[] sorted;

  private Samples(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  public static Samples of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    return new Samples(values);
  }

  public static Samples of(List<? extends Number> values) {
    return of(values.stream().mapToDouble(Number::doubleValue).toArray());
  }

  public static Samples ofLongs(long[] values, int count) {
    double[] d = new double[count];
    for (int i = 0; i < count; i++) {
      d[i] = values[i];
    }
    return of(d);
  }

  public int count() {
    return sorted.length;
  }

  public double min() {
    return sorted[0];
  }

  public double max() {
    return sorted[sorted.length - 1];
  }

  /** The middle value; for an even count, the mean of the two middle values. */
  public double median() {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Nearest-rank percentile. */
  public double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** {@code median (min-max, n=N)} in the given unit. */
  public String summary(String unit) {
    if (sorted.length == 1) {
      return format(median()) + " " + unit + " (n=1)";
    }
    return format(median()) + " " + unit + " (" + format(min()) + "-" + format(max()) + ", n=" + sorted.length + ")";
  }

  /** Numbers with three significant digits at most, thousands separated. */
  public static String format(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
