package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers, init containers and what every container shares (kube-apiserver's {@code validateContainerCommon}):
 * name, image, ports, env, envFrom, volume mounts, pull policy, resources and security context; then the rules of
 * each container list (unique names, probes and lifecycle, host port conflicts).
 */
final class ContainerValidation {
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  private ContainerValidation() {}

  /** The regular containers. */
  static List<FieldError> containers(JsonNode containers, Map<String, JsonNode> volumes, Long gracePeriod,
      boolean hostUsers, Path path) {
    var errs = new ArrayList<FieldError>();
    if (containers == null || containers.isEmpty()) {
      errs.add(path.required(""));
      return errs;
    }
    var names = new HashSet<String>();
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      Path p = path.index(i);
      errs.addAll(common(c, volumes, hostUsers, p));
      String name = Nodes.text(c, "name");
      if (!names.add(name)) {
        errs.add(p.child("name").duplicate(name));
      }
      if (Nodes.has(c, "lifecycle")) {
        errs.addAll(HandlerValidation.lifecycle(c.get("lifecycle"), gracePeriod, p.child("lifecycle")));
      }
      errs.addAll(HandlerValidation.livenessOrStartup(Nodes.get(c, "livenessProbe"), gracePeriod,
          p.child("livenessProbe")));
      errs.addAll(HandlerValidation.readiness(Nodes.get(c, "readinessProbe"), gracePeriod, p.child("readinessProbe")));
      errs.addAll(HandlerValidation.livenessOrStartup(Nodes.get(c, "startupProbe"), gracePeriod,
          p.child("startupProbe")));
      if (Nodes.has(c, "restartPolicy")) {
        errs.add(p.child("restartPolicy").forbidden("may not be set for non-init containers"));
      }
    }
    errs.addAll(hostPortConflicts(containers, path, new HashSet<>()));
    return errs;
  }

  /** The init containers; names must also differ from the regular containers'. */
  static List<FieldError> initContainers(JsonNode inits, JsonNode regular, Map<String, JsonNode> volumes,
      Long gracePeriod, boolean hostUsers, Path path) {
    var errs = new ArrayList<FieldError>();
    if (inits == null) {
      return errs;
    }
    var names = new HashSet<String>();
    for (JsonNode c : regular == null ? List.<JsonNode>of() : regular) {
      names.add(Nodes.text(c, "name"));
    }
    for (int i = 0; i < inits.size(); i++) {
      JsonNode c = inits.get(i);
      Path p = path.index(i);
      errs.addAll(common(c, volumes, hostUsers, p));
      boolean restartAlways = false;
      if (Nodes.has(c, "restartPolicy")) {
        String policy = Nodes.text(c, "restartPolicy");
        if (!policy.equals("Always")) {
          errs.add(p.child("restartPolicy").notSupported(policy, List.of("Always")));
        }
        restartAlways = policy.equals("Always");
      }
      String name = Nodes.text(c, "name");
      if (names.contains(name)) {
        errs.add(p.child("name").duplicate(name));
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      // kube-apiserver checks each init container on its own, so its errors name index 0
      errs.addAll(hostPortConflicts(arrayOf(c), path, new HashSet<>()));
      if (restartAlways) {
        if (Nodes.has(c, "lifecycle")) {
          errs.addAll(HandlerValidation.lifecycle(c.get("lifecycle"), gracePeriod, p.child("lifecycle")));
        }
        errs.addAll(HandlerValidation.livenessOrStartup(Nodes.get(c, "livenessProbe"), gracePeriod,
            p.child("livenessProbe")));
        errs.addAll(HandlerValidation.readiness(Nodes.get(c, "readinessProbe"), gracePeriod,
            p.child("readinessProbe")));
        errs.addAll(HandlerValidation.livenessOrStartup(Nodes.get(c, "startupProbe"), gracePeriod,
            p.child("startupProbe")));
      } else {
        for (String f : List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")) {
          if (Nodes.has(c, f)) {
            errs.add(p.child(f).forbidden("may not be set for init containers without restartPolicy=Always"));
          }
        }
      }
    }
    return errs;
  }

  private static JsonNode arrayOf(JsonNode c) {
    var array = dev.kubemu.core.object.Json.array();
    array.add(c);
    return array;
  }

  /** validateContainerCommon. */
  static List<FieldError> common(JsonNode c, Map<String, JsonNode> volumes, boolean hostUsers, Path path) {
    var errs = new ArrayList<FieldError>();
    String name = Nodes.text(c, "name");
    if (name.isEmpty()) {
      errs.add(path.child("name").required(""));
    } else {
      for (String msg : Syntax.dns1123Label(name)) {
        errs.add(path.child("name").invalid(name, msg));
      }
    }
    if (Nodes.text(c, "image").isEmpty()) {
      errs.add(path.child("image").required(""));
    }
    String tmp = Nodes.text(c, "terminationMessagePolicy");
    if (tmp.isEmpty()) {
      errs.add(path.child("terminationMessagePolicy").required(""));
    } else if (!tmp.equals("File") && !tmp.equals("FallbackToLogsOnError")) {
      errs.add(path.child("terminationMessagePolicy").notSupported(tmp, List.of("File", "FallbackToLogsOnError")));
    }
    errs.addAll(ports(c.path("ports"), path.child("ports")));
    errs.addAll(EnvValidation.env(c.path("env"), path.child("env")));
    errs.addAll(EnvValidation.envFrom(c.path("envFrom"), path.child("envFrom")));
    errs.addAll(volumeMounts(c, volumes, path.child("volumeMounts")));
    errs.addAll(volumeDevices(c, volumes, path.child("volumeDevices")));
    String pull = Nodes.text(c, "imagePullPolicy");
    if (pull.isEmpty()) {
      errs.add(path.child("imagePullPolicy").required(""));
    } else if (!List.of("Always", "IfNotPresent", "Never").contains(pull)) {
      errs.add(path.child("imagePullPolicy").notSupported(pull, List.of("Always", "IfNotPresent", "Never")));
    }
    errs.addAll(ResourceValidation.requirements(Nodes.get(c, "resources"), path.child("resources")));
    errs.addAll(SecurityContextValidation.container(Nodes.get(c, "securityContext"), hostUsers,
        path.child("securityContext")));
    return errs;
  }

  /** validateContainerPorts. */
  static List<FieldError> ports(JsonNode ports, Path path) {
    var errs = new ArrayList<FieldError>();
    var names = new HashSet<String>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      Path p = path.index(i);
      String name = Nodes.text(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Syntax.portName(name);
        if (!msgs.isEmpty()) {
          for (String msg : msgs) {
            errs.add(p.child("name").invalid(name, msg));
          }
        } else if (!names.add(name)) {
          errs.add(p.child("name").duplicate(name));
        }
      }
      long containerPort = Nodes.number(port, "containerPort", 0);
      if (containerPort == 0) {
        errs.add(p.child("containerPort").required(""));
      } else {
        for (String msg : Syntax.portNumber(containerPort)) {
          errs.add(p.child("containerPort").invalid(containerPort, msg));
        }
      }
      long hostPort = Nodes.number(port, "hostPort", 0);
      if (hostPort != 0) {
        for (String msg : Syntax.portNumber(hostPort)) {
          errs.add(p.child("hostPort").invalid(hostPort, msg));
        }
      }
      String protocol = Nodes.text(port, "protocol");
      if (protocol.isEmpty()) {
        errs.add(p.child("protocol").required(""));
      } else if (!PROTOCOLS.contains(protocol)) {
        errs.add(p.child("protocol").notSupported(protocol, PROTOCOLS));
      }
    }
    return errs;
  }

  /** ValidateVolumeMounts. */
  private static List<FieldError> volumeMounts(JsonNode c, Map<String, JsonNode> volumes, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode mounts = c.path("volumeMounts");
    Set<String> devicePaths = new HashSet<>();
    Set<String> deviceNames = new HashSet<>();
    for (JsonNode d : c.path("volumeDevices")) {
      deviceNames.add(Nodes.text(d, "name"));
      devicePaths.add(Nodes.text(d, "devicePath"));
    }
    var mountPoints = new HashSet<String>();
    boolean privileged = c.path("securityContext").path("privileged").asBoolean(false);
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode m = mounts.get(i);
      Path p = path.index(i);
      String name = Nodes.text(m, "name");
      String mountPath = Nodes.text(m, "mountPath");
      if (name.isEmpty()) {
        errs.add(p.child("name").required(""));
      }
      if (!volumes.containsKey(name)) {
        errs.add(p.child("name").notFound(name));
      }
      if (mountPath.isEmpty()) {
        errs.add(p.child("mountPath").required(""));
      }
      if (!mountPoints.add(mountPath)) {
        errs.add(p.child("mountPath").invalid(mountPath, "must be unique"));
      }
      if (deviceNames.contains(name)) {
        errs.add(p.child("name").invalid(name, "must not already exist in volumeDevices"));
      }
      if (devicePaths.contains(mountPath)) {
        errs.add(p.child("mountPath").invalid(mountPath, "must not already exist as a path in volumeDevices"));
      }
      JsonNode volume = volumes.get(name);
      String subPath = Nodes.text(m, "subPath");
      String subPathExpr = Nodes.text(m, "subPathExpr");
      if (volume != null && Nodes.has(volume, "image")) {
        if (!subPath.isEmpty()) {
          errs.add(p.child("subPath").invalid(subPath, "not allowed in image volume sources"));
        }
        if (!subPathExpr.isEmpty()) {
          errs.add(p.child("subPathExpr").invalid(subPathExpr, "not allowed in image volume sources"));
        }
      }
      if (!subPath.isEmpty()) {
        errs.addAll(VolumeValidation.localDescendingPath(subPath, path.child("subPath")));
      }
      if (!subPathExpr.isEmpty()) {
        if (!subPath.isEmpty()) {
          errs.add(p.child("subPathExpr").invalid(subPathExpr, "subPathExpr and subPath are mutually exclusive"));
        }
        errs.addAll(VolumeValidation.localDescendingPath(subPathExpr, path.child("subPathExpr")));
      }
      if (Nodes.has(m, "mountPropagation")) {
        String propagation = Nodes.text(m, "mountPropagation");
        Path pp = path.child("mountPropagation");
        if (!List.of("Bidirectional", "HostToContainer", "None").contains(propagation)) {
          errs.add(pp.notSupported(propagation, List.of("Bidirectional", "HostToContainer", "None")));
        }
        if (propagation.equals("Bidirectional") && !privileged) {
          errs.add(pp.forbidden("Bidirectional mount propagation is available only to privileged containers"));
        }
      }
      if (Nodes.has(m, "recursiveReadOnly")) {
        String rro = Nodes.text(m, "recursiveReadOnly");
        Path rp = path.child("recursiveReadOnly");
        switch (rro) {
          case "Disabled" -> { }
          case "Enabled", "IfPossible" -> {
            if (!m.path("readOnly").asBoolean(false)) {
              errs.add(rp.forbidden("may only be specified when readOnly is true"));
            }
            if (Nodes.has(m, "mountPropagation") && !Nodes.text(m, "mountPropagation").equals("None")) {
              errs.add(rp.forbidden("may only be specified when mountPropagation is None or not specified"));
            }
          }
          default -> errs.add(rp.notSupported(rro, List.of("Disabled", "Enabled", "IfPossible")));
        }
      }
    }
    return errs;
  }

  /** ValidateVolumeDevices (block volumes from claims). */
  private static List<FieldError> volumeDevices(JsonNode c, Map<String, JsonNode> volumes, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode devices = c.path("volumeDevices");
    var mountNames = new HashSet<String>();
    var mountPaths = new HashSet<String>();
    for (JsonNode m : c.path("volumeMounts")) {
      mountNames.add(Nodes.text(m, "name"));
      mountPaths.add(Nodes.text(m, "mountPath"));
    }
    var paths = new LinkedHashSet<String>();
    var names = new HashSet<String>();
    for (int i = 0; i < devices.size(); i++) {
      JsonNode d = devices.get(i);
      Path p = path.index(i);
      String name = Nodes.text(d, "name");
      String devicePath = Nodes.text(d, "devicePath");
      JsonNode volume = volumes.get(name);
      boolean isClaim = volume != null && (Nodes.has(volume, "persistentVolumeClaim") || Nodes.has(volume, "ephemeral"));
      if (name.isEmpty()) {
        errs.add(p.child("name").required(""));
      }
      if (names.contains(name)) {
        errs.add(p.child("name").invalid(name, "must be unique"));
      }
      if (volume != null && !isClaim) {
        errs.add(p.child("name").invalid(name,
            "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"));
      }
      if (volume == null) {
        errs.add(p.child("name").notFound(name));
      }
      if (devicePath.isEmpty()) {
        errs.add(p.child("devicePath").required(""));
      }
      if (paths.contains(devicePath)) {
        errs.add(p.child("devicePath").invalid(devicePath, "must be unique"));
      }
      if (!devicePath.isEmpty() && !VolumeValidation.noBacksteps(devicePath)) {
        errs.add(p.child("devicePath").invalid(devicePath, "can not contain backsteps ('..')"));
      } else {
        paths.add(devicePath);
      }
      if (mountNames.contains(name)) {
        errs.add(p.child("name").invalid(name, "must not already exist in volumeMounts"));
      }
      if (mountPaths.contains(devicePath)) {
        errs.add(p.child("devicePath").invalid(devicePath, "must not already exist as a path in volumeMounts"));
      }
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return errs;
  }

  /** AccumulateUniqueHostPorts: one host port per protocol and host IP across the list. */
  static List<FieldError> hostPortConflicts(JsonNode containers, Path path, Set<String> seen) {
    var errs = new ArrayList<FieldError>();
    if (containers == null) {
      return errs;
    }
    for (int ci = 0; ci < containers.size(); ci++) {
      JsonNode ports = containers.get(ci).path("ports");
      for (int pi = 0; pi < ports.size(); pi++) {
        JsonNode port = ports.get(pi);
        long hostPort = Nodes.number(port, "hostPort", 0);
        if (hostPort == 0) {
          continue;
        }
        String key = Nodes.text(port, "protocol") + "/" + Nodes.text(port, "hostIP") + "/" + hostPort;
        if (!seen.add(key)) {
          errs.add(path.index(ci).child("ports").index(pi).child("hostPort").duplicate(key));
        }
      }
    }
    return errs;
  }
}
