package dev.kubemu.core.control;

import java.time.Duration;
import java.util.Objects;

/** What a reconcile asks for next: nothing, or another pass after a delay (measured on the emulator clock). */
public final class Result {
  private static final Result DONE = new Result(null);
  private final Duration requeueAfter;

  private Result(Duration requeueAfter) {
    this.requeueAfter = requeueAfter;
  }

  public static Result done() {
    return DONE;
  }

  public static Result requeueAfter(Duration delay) {
    return new Result(Objects.requireNonNull(delay, "delay"));
  }

  /** The delay before the next pass, or null when none is needed. */
  public Duration requeueAfterOrNull() {
    return requeueAfter;
  }

  @Override
  public String toString() {
    return requeueAfter == null ? "done" : "requeueAfter(" + requeueAfter + ")";
  }
}
