package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Services: defaults (type, protocol, targetPort, session affinity, IP families, traffic policies), a cluster IP from
 * the service CIDR and node ports from 30000-32767 for NodePort/LoadBalancer types, immutable cluster IPs.
 */
public final class ServiceStrategy implements ResourceStrategy {
  private static final List<String> TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1123_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode svc, WriteContext ctx) {
    svc.putObject("status").putObject("loadBalancer");
  }

  @Override
  public void prepareForUpdate(ObjectNode svc, JsonNode old, WriteContext ctx) {
    if (!(svc.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    JsonNode oldSpec = old.path("spec");
    for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
      if (!spec.hasNonNull(field) && oldSpec.has(field)
          && spec.path("type").asText("ClusterIP").equals(oldSpec.path("type").asText("ClusterIP"))) {
        spec.set(field, oldSpec.get(field).deepCopy());
      }
    }
    // a port without nodePort keeps the one it had, matched by port number
    for (JsonNode port : spec.path("ports")) {
      if (port instanceof ObjectNode p && !p.has("nodePort")) {
        for (JsonNode oldPort : oldSpec.path("ports")) {
          if (oldPort.path("port").asInt() == p.path("port").asInt() && oldPort.has("nodePort")) {
            p.set("nodePort", oldPort.get("nodePort"));
          }
        }
      }
    }
  }

  @Override
  public void applyDefaults(ObjectNode svc, WriteContext ctx) {
    if (!(svc.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (!spec.hasNonNull("type")) {
      spec.put("type", "ClusterIP");
    }
    String type = spec.path("type").asText();
    if (type.equals("ExternalName")) {
      return;
    }
    if (!spec.hasNonNull("sessionAffinity")) {
      spec.put("sessionAffinity", "None");
    }
    for (JsonNode port : spec.path("ports")) {
      if (port instanceof ObjectNode p) {
        if (!p.hasNonNull("protocol")) {
          p.put("protocol", "TCP");
        }
        if (!p.hasNonNull("targetPort") && p.has("port")) {
          p.set("targetPort", p.get("port"));
        }
      }
    }
    ServiceAllocator allocator = new ServiceAllocator(ctx.operations());
    allocator.assignClusterIp(svc, spec);
    if (!spec.path("clusterIP").asText().equals("None")) {
      if (!spec.has("ipFamilies")) {
        spec.putArray("ipFamilies").add("IPv4");
      }
      if (!spec.hasNonNull("ipFamilyPolicy")) {
        spec.put("ipFamilyPolicy", "SingleStack");
      }
    } else {
      if (!spec.has("ipFamilies")) {
        spec.putArray("ipFamilies").add("IPv4");
      }
      if (!spec.hasNonNull("ipFamilyPolicy")) {
        spec.put("ipFamilyPolicy", "SingleStack");
      }
    }
    if (!spec.hasNonNull("internalTrafficPolicy")) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      if (!spec.hasNonNull("externalTrafficPolicy")) {
        spec.put("externalTrafficPolicy", "Cluster");
      }
      if (type.equals("LoadBalancer") && !spec.has("allocateLoadBalancerNodePorts")) {
        spec.put("allocateLoadBalancerNodePorts", true);
      }
      allocator.assignNodePorts(svc, spec);
    }
  }

  @Override
  public List<FieldError> validate(JsonNode svc, WriteContext ctx) {
    var errors = new ArrayList<FieldError>();
    JsonNode spec = svc.path("spec");
    String type = spec.path("type").asText("ClusterIP");
    if (!TYPES.contains(type)) {
      errors.add(FieldError.notSupported("spec.type", type, TYPES));
    }
    JsonNode ports = spec.path("ports");
    if (!type.equals("ExternalName") && !spec.path("clusterIP").asText().equals("None")
        && (!ports.isArray() || ports.isEmpty())) {
      errors.add(FieldError.required("spec.ports", ""));
    }
    var seen = new ArrayList<String>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode p = ports.get(i);
      JsonNode port = p.path("port");
      if (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
        errors.add(FieldError.invalid("spec.ports[" + i + "].port", port.isMissingNode() ? 0 : port.asLong(),
            "must be between 1 and 65535, inclusive"));
      }
      if (ports.size() > 1 && p.path("name").asText("").isEmpty()) {
        errors.add(FieldError.required("spec.ports[" + i + "].name", ""));
      }
      String key = port.asText() + "/" + p.path("protocol").asText("TCP");
      if (seen.contains(key)) {
        errors.add(FieldError.duplicate("spec.ports[" + i + "]", key));
      }
      seen.add(key);
    }
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode svc, JsonNode old, WriteContext ctx) {
    var errors = new ArrayList<>(validate(svc, ctx));
    String oldIp = old.path("spec").path("clusterIP").asText("");
    String newIp = svc.path("spec").path("clusterIP").asText("");
    boolean typeChangesToOrFromExternalName = !Objects.equals(old.path("spec").path("type").asText(),
        svc.path("spec").path("type").asText()) && (old.path("spec").path("type").asText().equals("ExternalName")
        || svc.path("spec").path("type").asText().equals("ExternalName"));
    if (!oldIp.isEmpty() && !newIp.equals(oldIp) && !typeChangesToOrFromExternalName) {
      ArrayNode ips = svc.path("spec").path("clusterIPs").isArray() ? (ArrayNode) svc.path("spec").path("clusterIPs")
          : null;
      errors.add(FieldError.invalid("spec.clusterIPs[0]", ips != null && !ips.isEmpty() ? ips.get(0).asText() : newIp,
          "may not change once set"));
    }
    return errors;
  }
}
