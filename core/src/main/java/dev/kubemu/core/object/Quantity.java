package dev.kubemu.core.object;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 4}, {@code 8Gi}, {@code 1e3}). Keeps the exact value and
 * whether it was written with binary or decimal suffixes, so {@link #toString()} gives the canonical form
 * kube-apiserver prints. Immutable.
 */
public final class Quantity implements Comparable<Quantity> {
  /** How a quantity is printed. */
  public enum Format { BINARY_SI, DECIMAL_SI, DECIMAL_EXPONENT }

  private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String[] DECIMAL = {"", "k", "M", "G", "T", "P", "E"};

  private final BigDecimal value;
  private final Format format;

  private Quantity(BigDecimal value, Format format) {
    this.value = value;
    this.format = format;
  }

  public static Quantity of(BigDecimal value, Format format) {
    return new Quantity(value, format);
  }

  /** Parses a quantity; throws {@link IllegalArgumentException} with apimachinery's message on bad input. */
  public static Quantity parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    Matcher m = Pattern.compile("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)$").matcher(text.trim());
    if (!m.matches()) {
      throw bad();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    Format format;
    BigDecimal multiplier;
    switch (suffix) {
      case "" -> {
        format = Format.DECIMAL_SI;
        multiplier = BigDecimal.ONE;
      }
      case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> {
        format = Format.BINARY_SI;
        multiplier = new BigDecimal(BigInteger.TWO.pow(10 * indexOf(BINARY, suffix)));
      }
      case "n" -> {
        format = Format.DECIMAL_SI;
        multiplier = BigDecimal.ONE.movePointLeft(9);
      }
      case "u" -> {
        format = Format.DECIMAL_SI;
        multiplier = BigDecimal.ONE.movePointLeft(6);
      }
      case "m" -> {
        format = Format.DECIMAL_SI;
        multiplier = BigDecimal.ONE.movePointLeft(3);
      }
      case "k", "M", "G", "T", "P", "E" -> {
        format = Format.DECIMAL_SI;
        multiplier = BigDecimal.ONE.movePointRight(3 * indexOf(DECIMAL, suffix));
      }
      default -> {
        Matcher e = Pattern.compile("^[eE]([+-]?[0-9]+)$").matcher(suffix);
        if (!e.matches()) {
          throw bad();
        }
        format = Format.DECIMAL_EXPONENT;
        multiplier = BigDecimal.ONE.movePointRight(Integer.parseInt(e.group(1)));
      }
    }
    return new Quantity(number.multiply(multiplier), format);
  }

  private static IllegalArgumentException bad() {
    return new IllegalArgumentException("quantities must match the regular expression "
        + "'^([+-](?:(?:[0-9]+(?:\\.[0-9]*)?)|(?:\\.[0-9]+))(?:(?:[KMGTPE]i)|[numkMGTPE]|(?:[eE][-+]?[0-9]+))?)$'"
        .replace("[+-]", "[+-]?"));
  }

  private static int indexOf(String[] suffixes, String s) {
    for (int i = 0; i < suffixes.length; i++) {
      if (suffixes[i].equals(s)) {
        return i;
      }
    }
    return -1;
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }

  /** The exact value in base units (cores, bytes). */
  public BigDecimal value() {
    return value;
  }

  public Format format() {
    return format;
  }

  /** The value in thousandths, rounded up, as kube-scheduler counts CPU. */
  public long milliValue() {
    return value.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The value rounded up to a whole unit, as kube-scheduler counts memory and storage. */
  public long longValue() {
    return value.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  public Quantity plus(Quantity other) {
    return new Quantity(value.add(other.value), format);
  }

  public Quantity minus(Quantity other) {
    return new Quantity(value.subtract(other.value), format);
  }

  /** The canonical text: the largest suffix of this quantity's format that keeps the value whole. */
  @Override
  public String toString() {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal v = value.stripTrailingZeros();
    if (format == Format.BINARY_SI && v.scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(1024)) >= 0) {
      BigInteger integer = v.toBigIntegerExact();
      int exponent = 0;
      while (exponent < 6 && integer.mod(BigInteger.valueOf(1024)).signum() == 0) {
        integer = integer.divide(BigInteger.valueOf(1024));
        exponent++;
      }
      return integer + BINARY[exponent];
    }
    if (v.scale() <= 0) {
      BigInteger integer = v.toBigIntegerExact();
      int exponent = 0;
      while (exponent < 6 && integer.mod(BigInteger.valueOf(1000)).signum() == 0 && integer.signum() != 0) {
        integer = integer.divide(BigInteger.valueOf(1000));
        exponent++;
      }
      return integer + DECIMAL[exponent];
    }
    BigDecimal milli = v.movePointRight(3);
    if (milli.stripTrailingZeros().scale() <= 0) {
      return milli.toBigInteger() + "m";
    }
    BigDecimal micro = v.movePointRight(6);
    if (micro.stripTrailingZeros().scale() <= 0) {
      return micro.toBigInteger() + "u";
    }
    return v.movePointRight(9).setScale(0, RoundingMode.CEILING).toBigInteger() + "n";
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(value.stripTrailingZeros());
  }
}
