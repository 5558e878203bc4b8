package dev.kubemu.kubelet;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out pod IPs from one node's /24 pod CIDR (hosts .2 to .254; .1 is the node's bridge), lowest free first.
 * Confined to the control loop.
 */
final class PodIpAllocator {
  private final String prefix;
  private final BitSet used = new BitSet(256);
  private final Map<String, Integer> byPod = new HashMap<>();

  /** @param cidr e.g. {@code 10.244.1.0/24} */
  PodIpAllocator(String cidr) {
    String network = cidr.substring(0, cidr.indexOf('/'));
    this.prefix = network.substring(0, network.lastIndexOf('.') + 1);
  }

  /** The IP of {@code podUid}, allocating one if needed; null when the range is full. */
  String allocate(String podUid) {
    Integer host = byPod.get(podUid);
    if (host == null) {
      int free = used.nextClearBit(2);
      if (free > 254) {
        return null;
      }
      used.set(free);
      byPod.put(podUid, free);
      host = free;
    }
    return prefix + host;
  }

  /** Marks an IP found on an existing pod as taken (after a restart of the emulator's kubelets). */
  void reserve(String podUid, String ip) {
    if (ip.startsWith(prefix)) {
      try {
        int host = Integer.parseInt(ip.substring(prefix.length()));
        used.set(host);
        byPod.put(podUid, host);
      } catch (NumberFormatException ignored) {
        // not one of ours
      }
    }
  }

  void release(String podUid) {
    Integer host = byPod.remove(podUid);
    if (host != null) {
      used.clear(host);
    }
  }
}
