package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.IpAddresses;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Services on create and update (kube-apiserver's {@code ValidateService} and {@code ValidateServiceUpdate}). */
public final class ServiceValidation {
  private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  private ServiceValidation() {}

  public static List<FieldError> validate(JsonNode svc) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = svc.path("spec");
    Path specPath = Path.of("spec");
    String type = Nodes.text(spec, "type");
    boolean headless = headless(spec);
    JsonNode annotations = svc.path("metadata").path("annotations");
    String modeKey = "service.kubernetes.io/topology-mode";
    String hintsKey = "service.kubernetes.io/topology-aware-hints";
    if (annotations.has(modeKey) && annotations.has(hintsKey)
        && !Nodes.text(annotations, modeKey).equals(Nodes.text(annotations, hintsKey))) {
      errs.add(Path.of("metadata", "annotations").key(modeKey).invalid(Nodes.text(annotations, modeKey),
          "must match annotations[" + hintsKey + "] when both are specified"));
    }
    JsonNode ports = spec.path("ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.add(specPath.child("ports").required(""));
    }
    JsonNode clusterIPs = spec.path("clusterIPs");
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (headless) {
          errs.add(specPath.child("clusterIPs").index(0).invalid(clusterIPs.get(0).asText(),
              "may not be set to 'None' for " + type + " services"));
        }
      }
      case "ExternalName" -> {
        if (!clusterIPs.isEmpty()) {
          errs.add(specPath.child("clusterIPs").forbidden("may not be set for ExternalName services"));
        }
        if (!spec.path("ipFamilies").isEmpty()) {
          errs.add(specPath.child("ipFamilies").forbidden("may not be set for ExternalName services"));
        }
        if (Nodes.has(spec, "ipFamilyPolicy")) {
          errs.add(specPath.child("ipFamilyPolicy").forbidden("may not be set for ExternalName services"));
        }
        String cname = Nodes.text(spec, "externalName");
        if (cname.endsWith(".")) {
          cname = cname.substring(0, cname.length() - 1);
        }
        if (!cname.isEmpty()) {
          for (String msg : Syntax.dns1123Subdomain(cname)) {
            errs.add(specPath.child("externalName").invalid(cname, msg));
          }
        } else {
          errs.add(specPath.child("externalName").required(""));
        }
      }
      default -> { }
    }
    var names = new HashSet<String>();
    for (int i = 0; i < ports.size(); i++) {
      errs.addAll(port(ports.get(i), ports.size() > 1, names, specPath.child("ports").index(i)));
    }
    if (Nodes.has(spec, "selector")) {
      errs.addAll(Checks.labels(spec.get("selector"), specPath.child("selector")));
    }
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errs.add(specPath.child("sessionAffinity").required(""));
    } else if (!affinity.equals("ClientIP") && !affinity.equals("None")) {
      errs.add(specPath.child("sessionAffinity").notSupported(affinity, List.of("ClientIP", "None")));
    }
    Path affinityConfig = specPath.child("sessionAffinityConfig");
    if (affinity.equals("ClientIP")) {
      JsonNode config = Nodes.get(spec, "sessionAffinityConfig");
      if (config == null) {
        errs.add(affinityConfig.required("when session affinity type is ClientIP"));
      } else if (!Nodes.has(config, "clientIP")) {
        errs.add(affinityConfig.child("clientIP").required("when session affinity type is ClientIP"));
      } else if (!Nodes.has(config.get("clientIP"), "timeoutSeconds")) {
        errs.add(affinityConfig.child("clientIP", "timeoutSeconds").required("when session affinity type is ClientIP"));
      } else {
        long timeout = config.get("clientIP").get("timeoutSeconds").asLong();
        if (timeout <= 0 || timeout > 86400) {
          errs.add(affinityConfig.child("clientIP", "timeoutSeconds").invalid(timeout,
              "must be greater than 0 and less than 86400"));
        }
      }
    } else if (affinity.equals("None") && Nodes.has(spec, "sessionAffinityConfig")) {
      errs.add(affinityConfig.forbidden("must not be set when session affinity is None"));
    }
    errs.addAll(clusterIPsRelated(spec, type, headless));
    JsonNode externalIPs = spec.path("externalIPs");
    for (int i = 0; i < externalIPs.size(); i++) {
      String ip = externalIPs.get(i).asText("");
      Path p = specPath.child("externalIPs").index(i);
      byte[] bytes = IpAddresses.parse(ip);
      if (bytes == null) {
        errs.add(p.invalid(ip, Syntax.ip(ip).get(0)));
      } else {
        errs.addAll(nonSpecialIp(ip, bytes, p));
      }
    }
    if (type.isEmpty()) {
      errs.add(specPath.child("type").required(""));
    } else if (!TYPES.contains(type)) {
      errs.add(specPath.child("type").notSupported(type, TYPES));
    }
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        if (Nodes.number(ports.get(i), "nodePort", 0) != 0) {
          errs.add(specPath.child("ports").index(i).child("nodePort")
              .forbidden("may not be used when `type` is 'ClusterIP'"));
        }
      }
    }
    var nodePorts = new HashSet<String>();
    for (int i = 0; i < ports.size(); i++) {
      long nodePort = Nodes.number(ports.get(i), "nodePort", 0);
      if (nodePort != 0 && !nodePorts.add(Nodes.text(ports.get(i), "protocol") + "/" + nodePort)) {
        errs.add(specPath.child("ports").index(i).child("nodePort").duplicate(nodePort));
      }
    }
    var portKeys = new HashSet<String>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode p = ports.get(i);
      String protocol = Nodes.text(p, "protocol");
      long number = Nodes.number(p, "port", 0);
      if (!portKeys.add(protocol + "/" + number)) {
        errs.add(specPath.child("ports").index(i).duplicate(GoValue.struct("core.ServicePort").string("Name", "")
            .string("Protocol", protocol).field("AppProtocol", GoValue.nil("*string")).integer("Port", number)
            .field("TargetPort", GoValue.intOrString(null)).integer("NodePort", 0).build()));
      }
    }
    JsonNode ranges = spec.path("loadBalancerSourceRanges");
    if (!ranges.isEmpty()) {
      Path rp = specPath.child("LoadBalancerSourceRanges");
      if (!type.equals("LoadBalancer")) {
        errs.add(rp.forbidden("may only be used when `type` is 'LoadBalancer'"));
      }
      for (int i = 0; i < ranges.size(); i++) {
        String cidr = ranges.get(i).asText("").strip();
        if (!validCidr(cidr)) {
          errs.add(rp.index(i).invalid(cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
        }
      }
    }
    if (Nodes.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      errs.add(specPath.child("allocateLoadBalancerNodePorts").forbidden("may only be used when `type` is 'LoadBalancer'"));
    }
    if (type.equals("LoadBalancer") && !Nodes.has(spec, "allocateLoadBalancerNodePorts")) {
      errs.add(Path.of("allocateLoadBalancerNodePorts").required(""));
    }
    if (Nodes.has(spec, "loadBalancerClass")) {
      String lbClass = Nodes.text(spec, "loadBalancerClass");
      if (!type.equals("LoadBalancer")) {
        errs.add(specPath.child("loadBalancerClass").forbidden("may only be used when `type` is 'LoadBalancer'"));
      } else {
        for (String msg : Syntax.qualifiedName(lbClass)) {
          errs.add(specPath.child("loadBalancerClass").invalid(lbClass, msg));
        }
      }
    }
    boolean external = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && !externalIPs.isEmpty());
    String etp = Nodes.text(spec, "externalTrafficPolicy");
    if (!external) {
      if (!etp.isEmpty()) {
        errs.add(specPath.child("externalTrafficPolicy").invalid(etp, "may only be set for externally-accessible services"));
      }
    } else if (etp.isEmpty()) {
      errs.add(specPath.child("externalTrafficPolicy").required(""));
    } else if (!etp.equals("Cluster") && !etp.equals("Local")) {
      errs.add(specPath.child("externalTrafficPolicy").notSupported(etp, List.of("Cluster", "Local")));
    }
    long hcNodePort = Nodes.number(spec, "healthCheckNodePort", 0);
    if (!(type.equals("LoadBalancer") && etp.equals("Local"))) {
      if (hcNodePort != 0) {
        errs.add(specPath.child("healthCheckNodePort").invalid(hcNodePort,
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
      }
    }
    if (!Nodes.has(spec, "internalTrafficPolicy")) {
      if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
        errs.add(specPath.child("internalTrafficPolicy").required(""));
      }
    } else {
      String itp = Nodes.text(spec, "internalTrafficPolicy");
      if (!itp.equals("Cluster") && !itp.equals("Local")) {
        errs.add(specPath.child("internalTrafficPolicy").notSupported(itp, List.of("Cluster", "Local")));
      }
    }
    if (Nodes.has(spec, "trafficDistribution") && !Nodes.text(spec, "trafficDistribution").equals("PreferClose")) {
      errs.add(specPath.child("trafficDistribution").notSupported(Nodes.text(spec, "trafficDistribution"),
          List.of("PreferClose")));
    }
    return errs;
  }

  private static List<FieldError> port(JsonNode sp, boolean requireName, HashSet<String> names, Path path) {
    var errs = new ArrayList<FieldError>();
    String name = Nodes.text(sp, "name");
    if (requireName && name.isEmpty()) {
      errs.add(path.child("name").required(""));
    } else if (!name.isEmpty()) {
      for (String msg : Syntax.dns1123Label(name)) {
        errs.add(path.child("name").invalid(name, msg));
      }
      if (!names.add(name)) {
        errs.add(path.child("name").duplicate(name));
      }
    }
    long number = Nodes.number(sp, "port", 0);
    for (String msg : Syntax.portNumber(number)) {
      errs.add(path.child("port").invalid(number, msg));
    }
    String protocol = Nodes.text(sp, "protocol");
    if (protocol.isEmpty()) {
      errs.add(path.child("protocol").required(""));
    } else if (!PROTOCOLS.contains(protocol)) {
      errs.add(path.child("protocol").notSupported(protocol, PROTOCOLS));
    }
    errs.addAll(HandlerValidation.portNumOrName(sp.get("targetPort"), path.child("targetPort")));
    if (Nodes.has(sp, "appProtocol")) {
      String app = Nodes.text(sp, "appProtocol");
      for (String msg : Syntax.qualifiedName(app)) {
        errs.add(path.child("appProtocol").invalid(app, msg));
      }
    }
    return errs;
  }

  /** ValidateServiceClusterIPsRelatedFields. */
  private static List<FieldError> clusterIPsRelated(JsonNode spec, String type, boolean headless) {
    var errs = new ArrayList<FieldError>();
    if (type.equals("ExternalName")) {
      return errs;
    }
    Path specPath = Path.of("spec");
    Path ipsPath = specPath.child("clusterIPs");
    String clusterIP = Nodes.text(spec, "clusterIP");
    JsonNode clusterIPs = spec.path("clusterIPs");
    GoValue shown = GoValue.stringSlice(Nodes.get(spec, "clusterIPs"));
    if (!clusterIP.isEmpty()) {
      if (clusterIPs.isEmpty()) {
        errs.add(ipsPath.required(""));
      } else if (!clusterIPs.get(0).asText("").equals(clusterIP)) {
        errs.add(ipsPath.invalid(shown, "first value must match `clusterIP`"));
      }
    } else if (!clusterIPs.isEmpty()) {
      errs.add(ipsPath.invalid(shown, "must be empty when `clusterIP` is not specified"));
    }
    JsonNode families = spec.path("ipFamilies");
    var seen = new HashSet<String>();
    for (int i = 0; i < families.size(); i++) {
      String family = families.get(i).asText("");
      if (!family.equals("IPv4") && !family.equals("IPv6")) {
        errs.add(specPath.child("ipFamilies").index(i).notSupported(family, List.of("IPv4", "IPv6")));
      }
      if (!seen.add(family)) {
        errs.add(specPath.child("ipFamilies").index(i).duplicate(family));
      }
    }
    if (Nodes.has(spec, "ipFamilyPolicy")) {
      String policy = Nodes.text(spec, "ipFamilyPolicy");
      List<String> policies = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
      if (!policies.contains(policy)) {
        errs.add(specPath.child("ipFamilyPolicy").notSupported(policy, policies));
      }
    }
    boolean invalidIps = false;
    for (int i = 0; i < clusterIPs.size(); i++) {
      String ip = clusterIPs.get(i).asText("");
      if (i == 0 && ip.equals("None")) {
        if (clusterIPs.size() > 1) {
          invalidIps = true;
          errs.add(ipsPath.invalid(shown, "'None' must be the first and only value"));
        }
        continue;
      }
      if (IpAddresses.parse(ip) == null) {
        invalidIps = true;
        errs.add(ipsPath.index(i).invalid(ip, Syntax.ip(ip).get(0)));
      }
    }
    if (clusterIPs.size() > 2) {
      errs.add(ipsPath.invalid(shown, "may only hold up to 2 values"));
    }
    if (invalidIps) {
      return errs;
    }
    if (clusterIPs.size() > 1 && IpAddresses.isV6(clusterIPs.get(0).asText()) == IpAddresses.isV6(
        clusterIPs.get(1).asText())) {
      errs.add(ipsPath.invalid(shown, "may specify no more than one IP for each IP family"));
    }
    if (!headless && !clusterIPs.isEmpty() && !families.isEmpty()) {
      for (int i = 0; i < clusterIPs.size() && i < families.size(); i++) {
        String ip = clusterIPs.get(i).asText();
        String family = families.get(i).asText();
        if (family.equals("IPv4") && IpAddresses.isV6(ip)) {
          errs.add(ipsPath.index(i).invalid(ip, "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
        }
        if (family.equals("IPv6") && !IpAddresses.isV6(ip)) {
          errs.add(ipsPath.index(i).invalid(ip, "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
        }
      }
    }
    return errs;
  }

  /** ValidateServiceUpdate: cluster IPs and IP families keep their primary value; then ValidateService. */
  public static List<FieldError> validateUpdate(JsonNode svc, JsonNode old) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = svc.path("spec");
    JsonNode oldSpec = old.path("spec");
    String type = Nodes.text(spec, "type");
    String oldType = Nodes.text(oldSpec, "type");
    if (!type.equals("ExternalName") && !oldType.equals("ExternalName")) {
      boolean newHeadless = headless(spec);
      boolean oldHeadless = headless(oldSpec);
      JsonNode newIps = spec.path("clusterIPs");
      JsonNode oldIps = oldSpec.path("clusterIPs");
      GoValue shown = GoValue.stringSlice(Nodes.get(spec, "clusterIPs"));
      Path ips = Path.of("spec", "clusterIPs");
      if (!(oldHeadless && newHeadless)) {
        if (oldIps.size() == newIps.size()) {
          for (int i = 0; i < oldIps.size(); i++) {
            if (!oldIps.get(i).asText().equals(newIps.get(i).asText())) {
              errs.add(ips.index(i).invalid(shown, "may not change once set"));
            }
          }
        } else if (oldIps.size() > newIps.size()) {
          if (newIps.isEmpty()) {
            errs.add(ips.index(0).invalid(shown, "primary clusterIP can not be unset"));
          }
          if (!oldIps.isEmpty() && !newIps.isEmpty() && !newIps.get(0).asText().equals(oldIps.get(0).asText())) {
            errs.add(ips.index(0).invalid(shown, "may not change once set"));
          }
          if (newIps.size() == 1 && !Nodes.text(spec, "ipFamilyPolicy").equals("SingleStack")) {
            errs.add(Path.of("spec", "ipFamilyPolicy").invalid(Nodes.has(spec, "ipFamilyPolicy")
                ? Nodes.text(spec, "ipFamilyPolicy") : null,
                "must be set to 'SingleStack' when releasing the secondary clusterIP"));
          }
        } else if (!oldIps.isEmpty() && !newIps.get(0).asText().equals(oldIps.get(0).asText())) {
          errs.add(ips.index(0).invalid(shown, "may not change once set"));
        }
      }
      if (newHeadless == oldHeadless && !newHeadless) {
        JsonNode newFamilies = spec.path("ipFamilies");
        JsonNode oldFamilies = oldSpec.path("ipFamilies");
        Path fam = Path.of("spec", "ipFamilies").index(0);
        if (newFamilies.size() == oldFamilies.size()) {
          for (int i = 0; i < oldFamilies.size(); i++) {
            if (!oldFamilies.get(i).asText().equals(newFamilies.get(i).asText())) {
              errs.add(fam.invalid(GoValue.stringSlice("[]core.IPFamily", Nodes.get(spec, "ipFamilies")),
                  "may not change once set"));
            }
          }
        } else if (oldFamilies.size() > newFamilies.size() && newIps.isEmpty()) {
          errs.add(fam.invalid(GoValue.stringSlice("[]core.IPFamily", Nodes.get(spec, "ipFamilies")),
              "primary ipFamily can not be unset"));
        }
      }
    }
    if (type.equals("LoadBalancer") && oldType.equals("LoadBalancer")
        && !Checks.semanticallyEqual(spec.get("loadBalancerClass"), oldSpec.get("loadBalancerClass"))) {
      errs.add(Path.of("spec", "loadBalancerClass").invalid(Nodes.has(spec, "loadBalancerClass")
          ? Nodes.text(spec, "loadBalancerClass") : null, Checks.IMMUTABLE));
    }
    if (type.equals("LoadBalancer") && Nodes.text(spec, "externalTrafficPolicy").equals("Local")
        && oldType.equals("LoadBalancer") && Nodes.text(oldSpec, "externalTrafficPolicy").equals("Local")
        && Nodes.number(spec, "healthCheckNodePort", 0) != Nodes.number(oldSpec, "healthCheckNodePort", 0)) {
      errs.add(Path.of("spec", "healthCheckNodePort").forbidden(Checks.IMMUTABLE));
    }
    errs.addAll(validate(svc));
    return errs;
  }

  static boolean headless(JsonNode spec) {
    JsonNode ips = spec.path("clusterIPs");
    return ips.size() == 1 && ips.get(0).asText("").equals("None");
  }

  private static List<FieldError> nonSpecialIp(String ip, byte[] b, Path path) {
    var errs = new ArrayList<FieldError>();
    boolean allZero = true;
    for (byte x : b) {
      allZero &= x == 0;
    }
    if (allZero) {
      errs.add(path.invalid(ip, "may not be unspecified (" + ip + ")"));
    }
    boolean v4 = b.length == 4;
    if ((v4 && (b[0] & 0xff) == 127) || (!v4 && isV6Loopback(b))) {
      errs.add(path.invalid(ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    }
    if ((v4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254) || (!v4 && (b[0] & 0xff) == 0xfe
        && (b[1] & 0xc0) == 0x80)) {
      errs.add(path.invalid(ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    if ((v4 && (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0) || (!v4 && (b[0] & 0xff) == 0xff
        && (b[1] & 0x0f) == 0x02)) {
      errs.add(path.invalid(ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
    return errs;
  }

  private static boolean isV6Loopback(byte[] b) {
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 1;
  }

  private static boolean validCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    byte[] ip = IpAddresses.parse(cidr.substring(0, slash));
    if (ip == null) {
      return false;
    }
    try {
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      return bits >= 0 && bits <= (cidr.indexOf(':') >= 0 ? 128 : 32);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
