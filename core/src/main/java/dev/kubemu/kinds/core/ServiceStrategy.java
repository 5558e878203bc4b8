package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.kinds.core.validation.ServiceValidation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services: SetDefaults_Service (type, session affinity, protocols, target ports, traffic policies), a cluster IP
 * from the service CIDR and node ports from 30000-32767 as the service REST storage allocates them, the storage's
 * update fix-ups (allocated values a client left out are kept; clusterIP and clusterIPs stay in sync), and
 * {@link ServiceValidation}. Names are DNS-1035 labels.
 */
public final class ServiceStrategy implements ResourceStrategy {
  @Override
  public NameRule nameRule() {
    return NameRule.DNS1035_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode svc, WriteContext ctx) {
    svc.putObject("status").putObject("loadBalancer");
    if (svc.get("spec") instanceof ObjectNode spec) {
      // an old client that sets only clusterIP gets clusterIPs from it
      if (!spec.path("clusterIP").asText("").isEmpty() && spec.path("clusterIPs").isEmpty()) {
        spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
      }
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode svc, JsonNode old, WriteContext ctx) {
    if (!(svc.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    JsonNode oldSpec = old.path("spec");
    patchAllocatedValues(spec, oldSpec);
    normalizeClusterIps(spec, oldSpec);
  }

  /** The storage's patchAllocatedValues: keep the cluster IPs and node ports a client did not send. */
  private static void patchAllocatedValues(ObjectNode spec, JsonNode oldSpec) {
    if (needsClusterIp(oldSpec) && needsClusterIp(spec)) {
      if (spec.path("clusterIP").asText("").isEmpty() && oldSpec.has("clusterIP")) {
        spec.set("clusterIP", oldSpec.get("clusterIP"));
      }
      if (spec.path("clusterIPs").isEmpty() && !oldSpec.path("clusterIPs").isEmpty()) {
        spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
      }
    }
    if (needsNodePort(oldSpec) && needsNodePort(spec)) {
      Set<Integer> oldPorts = nodePorts(oldSpec);
      Set<Integer> used = nodePorts(spec);
      used.retainAll(oldPorts);
      var byName = new HashMap<String, Integer>();
      for (JsonNode p : oldSpec.path("ports")) {
        byName.put(p.path("name").asText(""), p.path("nodePort").asInt(0));
      }
      for (JsonNode p : spec.path("ports")) {
        if (p instanceof ObjectNode port && port.path("nodePort").asInt(0) == 0) {
          int old = byName.getOrDefault(port.path("name").asText(""), 0);
          if (old != 0 && !used.contains(old)) {
            port.put("nodePort", old);
          }
        }
      }
    }
    if (needsHealthCheckNodePort(oldSpec) && needsHealthCheckNodePort(spec)
        && spec.path("healthCheckNodePort").asInt(0) == 0 && oldSpec.has("healthCheckNodePort")) {
      spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort"));
    }
  }

  /** The storage's normalizeClusterIPs for updates. */
  private static void normalizeClusterIps(ObjectNode spec, JsonNode oldSpec) {
    String oldIp = oldSpec.path("clusterIP").asText("");
    String newIp = spec.path("clusterIP").asText("");
    if (!oldSpec.path("clusterIPs").isEmpty() && spec.path("clusterIPs").isEmpty() && oldIp.equals(newIp)) {
      spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
    }
    if (!oldIp.equals(newIp)) {
      boolean sameIps = oldSpec.path("clusterIPs").equals(spec.path("clusterIPs"));
      if (!oldIp.isEmpty() && newIp.isEmpty()) {
        if (sameIps) {
          spec.remove("clusterIPs");
        }
      } else if (sameIps) {
        ArrayNode ips = spec.putArray("clusterIPs");
        ips.add(newIp);
      }
    }
  }

  private static boolean needsClusterIp(JsonNode spec) {
    return !spec.path("type").asText("ClusterIP").equals("ExternalName");
  }

  private static boolean needsNodePort(JsonNode spec) {
    String type = spec.path("type").asText("");
    return type.equals("NodePort") || (type.equals("LoadBalancer")
        && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
  }

  private static boolean needsHealthCheckNodePort(JsonNode spec) {
    return spec.path("type").asText("").equals("LoadBalancer")
        && spec.path("externalTrafficPolicy").asText("").equals("Local");
  }

  private static Set<Integer> nodePorts(JsonNode spec) {
    var out = new HashSet<Integer>();
    for (JsonNode p : spec.path("ports")) {
      if (p.path("nodePort").asInt(0) != 0) {
        out.add(p.path("nodePort").asInt());
      }
    }
    return out;
  }

  @Override
  public void applyDefaults(ObjectNode svc, WriteContext ctx) {
    if (!(svc.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    ServiceDefaults.apply(spec);
    String type = spec.path("type").asText();
    if (type.equals("ExternalName")) {
      return;
    }
    ServiceAllocator allocator = new ServiceAllocator(ctx.operations());
    allocator.assignClusterIp(svc, spec);
    if (spec.path("ipFamilies").isEmpty()) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    if (!spec.hasNonNull("ipFamilyPolicy")) {
      spec.put("ipFamilyPolicy", "SingleStack");
    }
    if (needsNodePort(spec)) {
      allocator.assignNodePorts(svc, spec);
    }
  }

  @Override
  public List<FieldError> validate(JsonNode svc, WriteContext ctx) {
    return ServiceValidation.validate(svc);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode svc, JsonNode old, WriteContext ctx) {
    return ServiceValidation.validateUpdate(svc, old);
  }
}
