package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allocates Service cluster IPs from 10.96.0.0/12 and node ports from 30000-32767, rejecting ones already in use.
 * The used sets are read from the stored Services, so there is no allocator state to keep in sync; a collision
 * between two concurrent creates surfaces later as a duplicate, which the emulator's serial write path makes rare.
 */
final class ServiceAllocator {
  /** 10.96.0.0/12 as an integer range; .0 is the network and .1 is the kubernetes Service. */
  static final long FIRST_IP = ipToLong("10.96.0.0");
  static final long IP_COUNT = 1L << 20;
  static final int FIRST_NODE_PORT = 30000;
  static final int LAST_NODE_PORT = 32767;

  private final ResourceOperations operations;

  ServiceAllocator(ResourceOperations operations) {
    this.operations = operations;
  }

  void assignClusterIp(JsonNode svc, ObjectNode spec) {
    if (alreadyAllocated(svc)) {
      // cluster IPs are allocated once; a change on update is for validation to refuse
      return;
    }
    String requested = spec.path("clusterIP").asText("");
    if (requested.isEmpty() && spec.path("clusterIPs").isArray() && !spec.path("clusterIPs").isEmpty()) {
      requested = spec.path("clusterIPs").get(0).asText();
    }
    if (requested.equals("None")) {
      spec.put("clusterIP", "None");
      spec.putArray("clusterIPs").add("None");
      return;
    }
    Set<String> used = usedClusterIps(svc);
    String ip;
    if (!requested.isEmpty()) {
      long value = ipToLong(requested);
      if (value < FIRST_IP + 1 || value >= FIRST_IP + IP_COUNT - 1) {
        throw invalid(svc, FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(spec.get("clusterIPs")),
            "failed to allocate IP " + requested + ": the provided IP (" + requested + ") is not in the valid range. "
                + "The range of valid IPs is 10.96.0.0/12"));
      }
      if (used.contains(requested)) {
        throw invalid(svc, FieldError.invalid("spec.clusterIPs", GoValue.stringSlice(spec.get("clusterIPs")),
            "failed to allocate IP " + requested + ": provided IP is already allocated"));
      }
      ip = requested;
    } else {
      long start = Math.floorMod((Meta.namespace(svc) + "/" + Meta.name(svc)).hashCode(), IP_COUNT - 2) + 1;
      ip = null;
      for (long i = 0; i < IP_COUNT - 2 && ip == null; i++) {
        long candidate = FIRST_IP + 1 + Math.floorMod(start + i - 1, IP_COUNT - 2);
        String text = longToIp(candidate);
        if (!used.contains(text) && candidate != FIRST_IP + 1) {
          ip = text;
        }
      }
      if (ip == null) {
        throw ApiErrors.internal("failed to allocate a serviceIP: range is full");
      }
    }
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
  }

  void assignNodePorts(JsonNode svc, ObjectNode spec) {
    Set<Integer> used = usedNodePorts(svc);
    int i = 0;
    for (JsonNode port : spec.path("ports")) {
      if (!(port instanceof ObjectNode p)) {
        continue;
      }
      int requested = p.path("nodePort").asInt(0);
      if (requested != 0) {
        if (requested < FIRST_NODE_PORT || requested > LAST_NODE_PORT) {
          throw invalid(svc, FieldError.invalid("spec.ports[" + i + "].nodePort", requested,
              "provided port is not in the valid range. The range of valid ports is 30000-32767"));
        }
        if (used.contains(requested)) {
          throw invalid(svc, FieldError.invalid("spec.ports[" + i + "].nodePort", requested,
              "provided port is already allocated"));
        }
        used.add(requested);
      } else {
        int range = LAST_NODE_PORT - FIRST_NODE_PORT + 1;
        int start = Math.floorMod((Meta.namespace(svc) + "/" + Meta.name(svc) + "/" + i).hashCode(), range);
        for (int k = 0; k < range; k++) {
          int candidate = FIRST_NODE_PORT + Math.floorMod(start + k, range);
          if (!used.contains(candidate)) {
            p.put("nodePort", candidate);
            used.add(candidate);
            break;
          }
        }
      }
      i++;
    }
  }

  /** Whether the stored Service of this name already holds cluster IPs (this write is an update). */
  private boolean alreadyAllocated(JsonNode svc) {
    ResourceType services = operations.registry().find("", "v1", "services").orElseThrow();
    var stored = operations.store().get(services.storageResource(), Meta.namespace(svc), Meta.name(svc));
    return stored != null && !operations.storageTree(stored).path("spec").path("clusterIPs").isEmpty();
  }

  private Set<String> usedClusterIps(JsonNode self) {
    var used = new HashSet<String>();
    forEachOtherService(self, spec -> spec.path("clusterIPs").forEach(ip -> used.add(ip.asText())));
    return used;
  }

  private Set<Integer> usedNodePorts(JsonNode self) {
    var used = new HashSet<Integer>();
    forEachOtherService(self, spec -> spec.path("ports").forEach(p -> {
      if (p.has("nodePort")) {
        used.add(p.path("nodePort").asInt());
      }
    }));
    return used;
  }

  private void forEachOtherService(JsonNode self, java.util.function.Consumer<JsonNode> action) {
    ResourceType services = operations.registry().find("", "v1", "services").orElseThrow();
    for (var stored : operations.list(services, null, ListOptions.everything()).items()) {
      if (stored.namespace().equals(Meta.namespace(self)) && stored.name().equals(Meta.name(self))) {
        continue;
      }
      action.accept(operations.storageTree(stored).path("spec"));
    }
  }

  private static dev.kubemu.core.errors.ApiException invalid(JsonNode svc, FieldError error) {
    return ApiErrors.invalid("", "Service", Meta.name(svc), List.of(error));
  }

  static long ipToLong(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    try {
      for (String part : parts) {
        int octet = Integer.parseInt(part);
        if (octet < 0 || octet > 255) {
          return -1;
        }
        value = value * 256 + octet;
      }
    } catch (NumberFormatException e) {
      return -1;
    }
    return value;
  }

  static String longToIp(long value) {
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }
}
