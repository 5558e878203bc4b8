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

/**
 * A PodSpec as kube-apiserver 1.33's {@code ValidatePodSpec} checks it, for Pods and for every pod template, in the
 * same order, so several mistakes are listed as a real cluster lists them.
 */
public final class PodSpecValidation {
  private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default",
      "None");

  private PodSpecValidation() {}

  /** ValidatePodSpec. */
  public static List<FieldError> validate(JsonNode spec, Path path, PodValidationOptions opts) {
    var errs = new ArrayList<FieldError>();
    if (!Nodes.has(spec, "terminationGracePeriodSeconds")) {
      errs.add(path.child("terminationGracePeriodSeconds").required(""));
    }
    Long gracePeriod = Nodes.has(spec, "terminationGracePeriodSeconds")
        ? spec.get("terminationGracePeriodSeconds").asLong() : null;
    boolean hostUsers = spec.path("hostUsers").asBoolean(true);
    VolumeValidation.Result volumes = VolumeValidation.volumes(spec.path("volumes"), opts, path.child("volumes"));
    errs.addAll(volumes.errors());
    errs.addAll(resourceClaims(spec.path("resourceClaims"), path.child("resourceClaims")));
    errs.addAll(ContainerValidation.containers(Nodes.get(spec, "containers"), volumes.volumes(), gracePeriod,
        hostUsers, path.child("containers")));
    errs.addAll(ContainerValidation.initContainers(Nodes.get(spec, "initContainers"), Nodes.get(spec, "containers"),
        volumes.volumes(), gracePeriod, hostUsers, path.child("initContainers")));
    errs.addAll(hostNetworkPorts(spec, path, opts));
    String restart = Nodes.text(spec, "restartPolicy");
    if (restart.isEmpty()) {
      errs.add(path.child("restartPolicy").required(""));
    } else if (!RESTART_POLICIES.contains(restart)) {
      errs.add(path.child("restartPolicy").notSupported(restart, RESTART_POLICIES));
    }
    String dns = Nodes.text(spec, "dnsPolicy");
    if (dns.isEmpty()) {
      errs.add(path.child("dnsPolicy").required(""));
    } else if (!DNS_POLICIES.contains(dns)) {
      errs.add(path.child("dnsPolicy").notSupported(dns, DNS_POLICIES));
    }
    errs.addAll(Checks.labels(Nodes.get(spec, "nodeSelector"), path.child("nodeSelector")));
    errs.addAll(SecurityContextValidation.pod(Nodes.get(spec, "securityContext"), spec, path.child("securityContext")));
    JsonNode pullSecrets = spec.path("imagePullSecrets");
    for (int i = 0; i < pullSecrets.size(); i++) {
      JsonNode ref = pullSecrets.get(i);
      if (ref.isObject() && ref.size() > (ref.has("name") ? 1 : 0)) {
        errs.add(path.child("imagePullSecrets").index(i).invalid(GoValue.struct("core.LocalObjectReference")
            .string("Name", Nodes.text(ref, "name")).build(), "only name may be set"));
      }
    }
    errs.addAll(SchedulingValidation.affinity(Nodes.get(spec, "affinity"), path.child("affinity")));
    errs.addAll(dnsConfig(Nodes.get(spec, "dnsConfig"), dns, path.child("dnsConfig")));
    JsonNode gates = spec.path("readinessGates");
    for (int i = 0; i < gates.size(); i++) {
      String type = Nodes.text(gates.get(i), "conditionType");
      for (String msg : Syntax.qualifiedName(type)) {
        errs.add(path.child("readinessGates").index(i).child("conditionType").invalid(type, msg));
      }
    }
    JsonNode schedulingGates = spec.path("schedulingGates");
    var seenGates = new HashSet<String>();
    for (int i = 0; i < schedulingGates.size(); i++) {
      String name = Nodes.text(schedulingGates.get(i), "name");
      for (String msg : Syntax.qualifiedName(name)) {
        errs.add(path.child("schedulingGates").index(i).invalid(name, msg));
      }
      if (!seenGates.add(name)) {
        errs.add(path.child("schedulingGates").index(i).duplicate(name));
      }
    }
    errs.addAll(SchedulingValidation.topologySpreadConstraints(spec.path("topologySpreadConstraints"),
        path.child("topologySpreadConstraints")));
    if (!hostUsers) {
      for (String f : List.of("hostNetwork", "hostPID", "hostIPC")) {
        if (spec.path(f).asBoolean(false)) {
          errs.add(path.child(f.equals("hostNetwork") ? f : f.replace("host", "Host"))
              .forbidden("when `pod.Spec.HostUsers` is false"));
        }
      }
    }
    nameField(spec, "serviceAccountName", Syntax.DNS_SUBDOMAIN_NAME, path, errs);
    nameField(spec, "nodeName", Syntax.DNS_SUBDOMAIN_NAME, path, errs);
    if (Nodes.has(spec, "activeDeadlineSeconds")) {
      long value = spec.get("activeDeadlineSeconds").asLong();
      if (value < 1 || value > Integer.MAX_VALUE) {
        errs.add(path.child("activeDeadlineSeconds").invalid(value, Syntax.inclusiveRangeError(1, Integer.MAX_VALUE)));
      }
    }
    for (String f : List.of("hostname", "subdomain")) {
      String v = Nodes.text(spec, f);
      if (!v.isEmpty()) {
        for (String msg : Syntax.dns1123Label(v)) {
          errs.add(path.child(f).invalid(v, msg));
        }
      }
    }
    errs.addAll(SchedulingValidation.tolerations(spec.path("tolerations"), path.child("tolerations")));
    JsonNode aliases = spec.path("hostAliases");
    for (int i = 0; i < aliases.size(); i++) {
      String ip = Nodes.text(aliases.get(i), "ip");
      for (String msg : Syntax.ip(ip)) {
        errs.add(path.child("hostAliases").index(i).child("ip").invalid(ip, msg));
      }
      JsonNode hostnames = aliases.get(i).path("hostnames");
      for (int j = 0; j < hostnames.size(); j++) {
        for (String msg : Syntax.dns1123Subdomain(hostnames.get(j).asText(""))) {
          errs.add(path.child("hostAliases").index(i).child("hostnames").index(j)
              .invalid(hostnames.get(j).asText(""), msg));
        }
      }
    }
    nameField(spec, "priorityClassName", Syntax.DNS_SUBDOMAIN_NAME, path, errs);
    if (Nodes.has(spec, "runtimeClassName")) {
      String name = Nodes.text(spec, "runtimeClassName");
      for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(name, false)) {
        errs.add(path.child("runtimeClassName").invalid(name, msg));
      }
    }
    if (Nodes.has(spec, "preemptionPolicy")) {
      String policy = Nodes.text(spec, "preemptionPolicy");
      if (policy.isEmpty()) {
        errs.add(path.child("preemptionPolicy").required(""));
      } else if (!policy.equals("PreemptLowerPriority") && !policy.equals("Never")) {
        errs.add(path.child("preemptionPolicy").notSupported(policy, List.of("PreemptLowerPriority", "Never")));
      }
    }
    if (Nodes.has(spec, "overhead")) {
      errs.addAll(ResourceValidation.requirements(overheadAsLimits(spec.get("overhead")), path.child("overhead")));
    }
    if (Nodes.has(spec, "os")) {
      String os = Nodes.text(spec.get("os"), "name");
      if (os.isEmpty()) {
        errs.add(path.child("os", "name").required("cannot be empty"));
      } else if (!os.equals("linux") && !os.equals("windows")) {
        errs.add(path.child("os").notSupported(os, List.of("linux", "windows")));
      }
    }
    return errs;
  }

  private static JsonNode overheadAsLimits(JsonNode overhead) {
    var node = dev.kubemu.core.object.Json.object();
    node.set("limits", overhead);
    return node;
  }

  private static void nameField(JsonNode spec, String field, Syntax.NameCheck check, Path path, List<FieldError> errs) {
    String value = Nodes.text(spec, field);
    if (!value.isEmpty()) {
      for (String msg : check.problems(value, false)) {
        errs.add(path.child(field).invalid(value, msg));
      }
    }
  }

  private static List<FieldError> resourceClaims(JsonNode claims, Path path) {
    var errs = new ArrayList<FieldError>();
    var names = new HashSet<String>();
    for (int i = 0; i < claims.size(); i++) {
      JsonNode claim = claims.get(i);
      Path p = path.index(i);
      String name = Nodes.text(claim, "name");
      if (name.isEmpty()) {
        errs.add(p.child("name").required(""));
      } else if (names.contains(name)) {
        errs.add(p.child("name").duplicate(name));
      } else {
        for (String msg : Syntax.dns1123Label(name)) {
          errs.add(p.child("name").invalid(name, msg));
        }
        names.add(name);
      }
    }
    return errs;
  }

  /** validatePodHostNetworkDeps. */
  private static List<FieldError> hostNetworkPorts(JsonNode spec, Path path, PodValidationOptions opts) {
    var errs = new ArrayList<FieldError>();
    if (!spec.path("hostNetwork").asBoolean(false)) {
      return errs;
    }
    JsonNode containers = spec.path("containers");
    for (int i = 0; i < containers.size(); i++) {
      JsonNode ports = containers.get(i).path("ports");
      for (int j = 0; j < ports.size(); j++) {
        long hp = Nodes.number(ports.get(j), "hostPort", 0);
        long cp = Nodes.number(ports.get(j), "containerPort", 0);
        if ((opts.resourceIsPod() || hp != 0) && hp != cp) {
          errs.add(path.child("containers").index(i).child("ports").index(j).child("hostPort")
              .invalid(hp, "must match `containerPort` when `hostNetwork` is true"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> dnsConfig(JsonNode config, String dnsPolicy, Path path) {
    var errs = new ArrayList<FieldError>();
    if (dnsPolicy.equals("None")) {
      if (config == null) {
        errs.add(path.required("must provide `dnsConfig` when `dnsPolicy` is None"));
        return errs;
      }
      if (config.path("nameservers").isEmpty()) {
        errs.add(path.child("nameservers").required("must provide at least one DNS nameserver when `dnsPolicy` is None"));
        return errs;
      }
    }
    if (config == null) {
      return errs;
    }
    JsonNode nameservers = config.path("nameservers");
    if (nameservers.size() > 3) {
      errs.add(path.child("nameservers").invalid(GoValue.stringSlice(nameservers), "must not have more than 3 nameservers"));
    }
    for (int i = 0; i < nameservers.size(); i++) {
      String ns = nameservers.get(i).asText("");
      if (IpAddresses.parse(ns) == null) {
        errs.add(path.child("nameservers").index(i).invalid(ns, Syntax.ip(ns).get(0)));
      }
    }
    JsonNode searches = config.path("searches");
    if (searches.size() > 32) {
      errs.add(path.child("searches").invalid(GoValue.stringSlice(searches), "must not have more than 32 search paths"));
    }
    var joined = new StringBuilder();
    for (JsonNode s : searches) {
      if (joined.length() > 0) {
        joined.append(' ');
      }
      joined.append(s.asText(""));
    }
    if (joined.length() > 2048) {
      errs.add(path.child("searches").invalid(GoValue.stringSlice(searches),
          "must not have more than 2048 characters (including spaces) in the search list"));
    }
    for (int i = 0; i < searches.size(); i++) {
      String search = searches.get(i).asText("");
      if (search.equals(".")) {
        continue;
      }
      String trimmed = search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
      for (String msg : Syntax.dns1123SubdomainWithUnderscore(trimmed)) {
        errs.add(path.child("searches").index(i).invalid(trimmed, msg));
      }
    }
    JsonNode options = config.path("options");
    for (int i = 0; i < options.size(); i++) {
      if (Nodes.text(options.get(i), "name").isEmpty()) {
        errs.add(path.child("options").index(i).required("must not be empty"));
      }
    }
    return errs;
  }
}
