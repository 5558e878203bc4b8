package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** One node as the scheduler sees it: the node object and what its assigned pods request. */
final class NodeInfo {
  private final String name;
  private JsonNode node;
  private Resources allocatable;
  private long allowedPods;
  private Resources requested = Resources.ZERO;
  private Resources scoringRequested = Resources.ZERO;
  private int podCount;
  private final Map<String, Integer> hostPorts = new HashMap<>();

  NodeInfo(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  JsonNode node() {
    return node;
  }

  void setNode(JsonNode node) {
    this.node = node;
    JsonNode alloc = node.path("status").path("allocatable");
    this.allocatable = Resources.of(alloc);
    this.allowedPods = alloc.has("pods") ? alloc.path("pods").asLong(110) : 110;
  }

  /** The Node object is gone; the usage of pods still assigned to it stays until they go too. */
  void clearNode() {
    this.node = null;
    this.allocatable = null;
  }

  Resources allocatable() {
    return allocatable == null ? Resources.ZERO : allocatable;
  }

  long allowedPods() {
    return allowedPods;
  }

  Resources requested() {
    return requested;
  }

  Resources scoringRequested() {
    return scoringRequested;
  }

  int podCount() {
    return podCount;
  }

  boolean hostPortInUse(String key) {
    return hostPorts.getOrDefault(key, 0) > 0;
  }

  void add(PodUsage usage) {
    requested = requested.plus(usage.requests());
    scoringRequested = scoringRequested.plus(usage.scoring());
    podCount++;
    usage.hostPorts().forEach(p -> hostPorts.merge(p, 1, Integer::sum));
  }

  void remove(PodUsage usage) {
    requested = requested.minus(usage.requests());
    scoringRequested = scoringRequested.minus(usage.scoring());
    podCount--;
    usage.hostPorts().forEach(p -> hostPorts.merge(p, -1, Integer::sum));
  }
}
