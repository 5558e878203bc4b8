package dev.kubemu.core.object;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Kubernetes {@code metav1.Time} (RFC 3339, whole seconds) and {@code MicroTime} formatting. */
public final class Timestamps {
  private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
      .withZone(java.time.ZoneOffset.UTC);

  private Timestamps() {}

  /** {@code 2024-01-02T03:04:05Z}: metav1.Time drops fractions of a second. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code 2024-01-02T03:04:05.123456Z}: metav1.MicroTime. */
  public static String formatMicro(Instant instant) {
    return MICRO.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  public static Optional<Instant> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
