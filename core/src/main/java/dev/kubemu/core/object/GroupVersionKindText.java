package dev.kubemu.core.object;

/** Splitting of {@code apiVersion} strings. */
public final class GroupVersionKindText {
  private GroupVersionKindText() {}

  /** The group of an apiVersion: {@code apps} for {@code apps/v1}, empty for {@code v1}. */
  public static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
