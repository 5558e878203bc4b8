package dev.kubemu.core.registry;

/** One version in which a resource is served, with its conversion to and from the storage version. */
public record ServedVersion(String version, VersionConverter converter) {
  public static ServedVersion storage(String version) {
    return new ServedVersion(version, VersionConverter.IDENTITY);
  }
}
