package dev.kubemu.core.object;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

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

  /** apimachinery's message for text that is not shaped like a quantity. */
  public static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  /** apimachinery's message for a well-shaped quantity with an unknown suffix ({@code 1K}, {@code 5mi}). */
  public static final String SUFFIX_ERROR = "unable to parse quantity's suffix";
  /** apimachinery's message for a numeric part that is not a number ({@code .}). */
  public static final String NUMERIC_ERROR = "unable to parse numeric part of quantity";

  private static final String SUFFIX_LETTERS = "eEinumkKMGTP";

  /**
   * Parses a quantity as apimachinery's {@code ParseQuantity} does: a signed decimal number, then a suffix made of
   * suffix letters and an optional signed exponent. Throws {@link IllegalArgumentException} with apimachinery's
   * message ({@link #FORMAT_ERROR}, {@link #SUFFIX_ERROR}, {@link #NUMERIC_ERROR}) on bad input.
   */
  public static Quantity parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(FORMAT_ERROR);
    }
    int pos = 0;
    int end = text.length();
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      pos++;
    }
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String number = text.substring(0, pos);
    int suffixStart = pos;
    while (pos < end && SUFFIX_LETTERS.indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < end && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
      pos++;
    }
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < end) {
      throw new IllegalArgumentException(FORMAT_ERROR);
    }
    String suffix = text.substring(suffixStart);
    Format format;
    BigDecimal multiplier;
    int binary = indexOf(BINARY, suffix);
    int decimal = indexOf(DECIMAL, suffix);
    if (decimal >= 0) {
      format = Format.DECIMAL_SI;
      multiplier = BigDecimal.ONE.movePointRight(3 * decimal);
    } else if (binary >= 0) {
      format = Format.BINARY_SI;
      multiplier = new BigDecimal(BigInteger.TWO.pow(10 * binary));
    } else if (suffix.equals("m") || suffix.equals("u") || suffix.equals("n")) {
      format = Format.DECIMAL_SI;
      multiplier = BigDecimal.ONE.movePointLeft(suffix.equals("m") ? 3 : suffix.equals("u") ? 6 : 9);
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')
        && suffix.substring(1).matches("[+-]?[0-9]{1,9}")) {
      format = Format.DECIMAL_EXPONENT;
      multiplier = BigDecimal.ONE.movePointRight(Integer.parseInt(suffix.substring(1)));
    } else {
      throw new IllegalArgumentException(SUFFIX_ERROR);
    }
    BigDecimal value;
    try {
      String digits = number.startsWith("+") ? number.substring(1) : number;
      value = digits.isEmpty() || digits.equals("-") ? BigDecimal.ZERO
          : new BigDecimal(digits.endsWith(".") ? digits + "0" : digits.startsWith(".") || digits.startsWith("-.")
              ? digits.replace(".", "0.") : digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(NUMERIC_ERROR);
    }
    return new Quantity(value.multiply(multiplier), format);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
