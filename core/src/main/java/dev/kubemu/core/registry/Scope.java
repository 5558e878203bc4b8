package dev.kubemu.core.registry;

/** Whether objects of a type live in a namespace. */
public enum Scope {
  NAMESPACED("Namespaced"),
  CLUSTER("Cluster");

  private final String discoveryName;

  Scope(String discoveryName) {
    this.discoveryName = discoveryName;
  }

  /** The value used in aggregated discovery ({@code Namespaced}/{@code Cluster}). */
  public String discoveryName() {
    return discoveryName;
  }
}
