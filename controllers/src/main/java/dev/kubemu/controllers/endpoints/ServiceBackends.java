package dev.kubemu.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which pods back a Service, on which ports, and whether they are ready: the pure part shared by the Endpoints and
 * EndpointSlice controllers.
 */
final class ServiceBackends {
  /** One pod address with the ports it serves for the Service. */
  record Backend(JsonNode pod, String ip, boolean ready, boolean serving, boolean terminating, List<Port> ports) {}

  /** A resolved Service port: the Service port's name and protocol, the pod's port number. */
  record Port(String name, int port, String protocol) {}

  private ServiceBackends() {}

  /** The backends among {@code pods} (already selected by the Service's selector), sorted by IP. */
  static List<Backend> of(JsonNode service, List<JsonNode> pods) {
    boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    var backends = new ArrayList<Backend>();
    for (JsonNode pod : pods) {
      String ip = pod.path("status").path("podIP").asText("");
      if (ip.isEmpty()) {
        continue;
      }
      boolean terminating = Meta.deleting(pod);
      if (terminating && !publishNotReady) {
        continue;
      }
      String phase = pod.path("status").path("phase").asText("");
      if (phase.equals("Succeeded") || phase.equals("Failed")) {
        continue;
      }
      boolean ready = dev.kubemu.kinds.core.Pods.isReady(pod);
      var ports = new ArrayList<Port>();
      for (JsonNode sp : service.path("spec").path("ports")) {
        int resolved = resolveTargetPort(sp, pod);
        if (resolved > 0) {
          ports.add(new Port(sp.path("name").asText(""), resolved, sp.path("protocol").asText("TCP")));
        }
      }
      if (ports.isEmpty() && service.path("spec").path("ports").size() > 0) {
        continue;
      }
      backends.add(new Backend(pod, ip, ready || publishNotReady, ready, terminating, ports));
    }
    backends.sort(Comparator.comparing((Backend b) -> ipKey(b.ip())).thenComparing(b -> Meta.uid(b.pod())));
    return backends;
  }

  /** A numeric targetPort as is; a named one looked up in the pod's container ports (0 when absent). */
  static int resolveTargetPort(JsonNode servicePort, JsonNode pod) {
    JsonNode target = servicePort.get("targetPort");
    if (target == null || target.isNull()) {
      return servicePort.path("port").asInt();
    }
    if (target.isNumber()) {
      return target.asInt();
    }
    String name = target.asText();
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException notANumber) {
      for (JsonNode c : pod.path("spec").path("containers")) {
        for (JsonNode p : c.path("ports")) {
          if (p.path("name").asText().equals(name)
              && p.path("protocol").asText("TCP").equals(servicePort.path("protocol").asText("TCP"))) {
            return p.path("containerPort").asInt();
          }
        }
      }
      return 0;
    }
  }

  private static String ipKey(String ip) {
    var sb = new StringBuilder();
    for (String part : ip.split("\\.")) {
      sb.append(String.format("%03d", Integer.parseInt(part.isEmpty() ? "0" : part.replaceAll("\\D", "0"))));
    }
    return sb.toString();
  }
}
