package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What one assigned pod takes from its node. */
record PodUsage(String node, Resources requests, Resources scoring, List<String> hostPorts) {
  static PodUsage of(JsonNode pod, String node) {
    return new PodUsage(node, PodRequests.of(pod.path("spec")), PodRequests.forScoring(pod.path("spec")),
        hostPorts(pod));
  }

  static List<String> hostPorts(JsonNode pod) {
    var ports = new ArrayList<String>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        int hostPort = p.path("hostPort").asInt(0);
        if (hostPort > 0) {
          ports.add(p.path("protocol").asText("TCP") + "/" + p.path("hostIP").asText("0.0.0.0") + "/" + hostPort);
        }
      }
    }
    return ports;
  }
}
