package dev.kubemu.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The warnings a request collects on its way through the pipeline (unknown fields under {@code fieldValidation=Warn},
 * deprecations). The HTTP layer sends them as {@code Warning} headers whether the request succeeds or fails, as
 * kube-apiserver does. Confined to the request's thread.
 */
public final class Warnings {
  private final List<String> texts = new ArrayList<>();
  private final boolean kept;

  private Warnings(boolean kept) {
    this.kept = kept;
  }

  /** A sink that keeps what it is given, for a client's request. */
  public static Warnings collecting() {
    return new Warnings(true);
  }

  /** A sink that drops everything, for in-process writers that have nobody to warn. */
  public static Warnings discarding() {
    return new Warnings(false);
  }

  public void add(String text) {
    if (kept && !texts.contains(text)) {
      texts.add(text);
    }
  }

  public void addAll(List<String> more) {
    more.forEach(this::add);
  }

  /** What was collected, in order, without repeats. */
  public List<String> texts() {
    return List.copyOf(texts);
  }
}
