package dev.kubemu.core.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Timestamps;
import java.time.Duration;
import java.time.Instant;

/** Ages as kube-apiserver prints them in Tables (apimachinery's {@code duration.HumanDuration}). */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The age of a timestamp field; {@code <unknown>} when it is missing. */
  public static String age(JsonNode timestamp, Instant now) {
    if (timestamp == null || timestamp.isNull() || timestamp.isMissingNode()) {
      return "<unknown>";
    }
    return Timestamps.parse(timestamp.asText()).map(t -> format(Duration.between(t, now))).orElse("<unknown>");
  }
}
