package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pod volumes: unique DNS-label names, exactly one source each, and each source's own fields. */
public final class VolumeValidation {
  /** The volume sources in the order kube-apiserver checks them, with the path it reports a second source on. */
  public static final List<String> SOURCES = List.of("emptyDir", "hostPath", "gitRepo", "gcePersistentDisk",
      "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd",
      "cinder", "cephfs", "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume",
      "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO", "csi",
      "ephemeral", "image");
  /** Sources whose only checks are required string fields: source, then (path segment, json field) pairs. */
  private static final Map<String, List<String[]>> REQUIRED = Map.ofEntries(
      Map.entry("gitRepo", List.<String[]>of(new String[] {"repository", "repository"})),
      Map.entry("gcePersistentDisk", List.<String[]>of(new String[] {"persistentDisk", "pdName"})),
      Map.entry("awsElasticBlockStore", List.<String[]>of(new String[] {"awsElasticBlockStore", "volumeID"})),
      Map.entry("iscsi", List.of(new String[] {"iscsi", "targetPortal"}, new String[] {"iscsi", "iqn"})),
      Map.entry("glusterfs", List.of(new String[] {"glusterfs", "endpoints"}, new String[] {"glusterfs", "path"})),
      Map.entry("rbd", List.of(new String[] {"rbd", "monitors"}, new String[] {"rbd", "image"})),
      Map.entry("cinder", List.<String[]>of(new String[] {"cinder", "volumeID"})),
      Map.entry("cephfs", List.<String[]>of(new String[] {"cephfs", "monitors"})),
      Map.entry("flexVolume", List.<String[]>of(new String[] {"flexVolume", "driver"})),
      Map.entry("azureFile", List.of(new String[] {"azureFile", "secretName"},
          new String[] {"azureFile", "shareName"})),
      Map.entry("vsphereVolume", List.<String[]>of(new String[] {"vsphereVolume", "volumePath"})),
      Map.entry("photonPersistentDisk", List.<String[]>of(new String[] {"photonPersistentDisk", "pdID"})),
      Map.entry("portworxVolume", List.<String[]>of(new String[] {"portworxVolume", "volumeID"})),
      Map.entry("azureDisk", List.of(new String[] {"azureDisk", "diskName"}, new String[] {"azureDisk", "diskURI"})),
      Map.entry("storageos", List.<String[]>of(new String[] {"storageos", "volumeName"})),
      Map.entry("scaleIO", List.of(new String[] {"scaleIO", "gateway"}, new String[] {"scaleIO", "system"},
          new String[] {"scaleIO", "volumeName"})),
      Map.entry("quobyte", List.of(new String[] {"quobyte", "registry"}, new String[] {"quobyte", "volume"})));
  private static final List<String> VOLUME_FIELD_PATHS = List.of("metadata.annotations", "metadata.labels",
      "metadata.name", "metadata.namespace", "metadata.uid");
  private static final String FILE_MODE = "must be a number between 0 and 0777 (octal), both inclusive";

  private VolumeValidation() {}

  /** The valid volumes by name (what mounts may refer to), and the errors. */
  public record Result(Map<String, JsonNode> volumes, List<FieldError> errors) {}

  /** ValidateVolumes. */
  public static Result volumes(JsonNode volumes, PodValidationOptions opts, Path path) {
    var errs = new ArrayList<FieldError>();
    var byName = new LinkedHashMap<String, JsonNode>();
    var createdClaims = new HashSet<String>();
    if (!opts.podName().isEmpty()) {
      for (JsonNode v : volumes) {
        if (Nodes.has(v, "ephemeral")) {
          createdClaims.add(opts.podName() + "-" + Nodes.text(v, "name"));
        }
      }
    }
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode v = volumes.get(i);
      Path p = path.index(i);
      String name = Nodes.text(v, "name");
      var el = new ArrayList<>(source(v, name, opts, p));
      if (name.isEmpty()) {
        el.add(p.child("name").required(""));
      } else {
        for (String msg : Syntax.dns1123Label(name)) {
          el.add(p.child("name").invalid(name, msg));
        }
      }
      if (byName.containsKey(name)) {
        el.add(p.child("name").duplicate(name));
      }
      if (el.isEmpty()) {
        byName.put(name, v);
      } else {
        errs.addAll(el);
      }
      String claim = Nodes.text(v.path("persistentVolumeClaim"), "claimName");
      if (Nodes.has(v, "persistentVolumeClaim") && createdClaims.contains(claim)) {
        errs.add(p.child("persistentVolumeClaim", "claimName").invalid(claim,
            "must not reference a PVC that gets created for an ephemeral volume"));
      }
    }
    return new Result(byName, errs);
  }

  private static List<FieldError> source(JsonNode v, String volumeName, PodValidationOptions opts, Path path) {
    var errs = new ArrayList<FieldError>();
    int count = 0;
    for (String kind : SOURCES) {
      if (!Nodes.has(v, kind)) {
        continue;
      }
      if (count > 0 && !kind.equals("emptyDir")) {
        String reported = switch (kind) {
          case "downwardAPI" -> "downwarAPI";
          case "cephfs" -> "cephFS";
          default -> kind;
        };
        errs.add(path.child(reported).forbidden("may not specify more than 1 volume type"));
        continue;
      }
      count++;
      errs.addAll(sourceFields(kind, v.get(kind), volumeName, opts, path));
    }
    if (count == 0) {
      errs.add(path.required("must specify a volume type"));
    }
    return errs;
  }

  private static List<FieldError> sourceFields(String kind, JsonNode s, String volumeName, PodValidationOptions opts,
      Path path) {
    var errs = new ArrayList<FieldError>();
    Path p = path.child(kind);
    switch (kind) {
      case "emptyDir" -> {
        if (Nodes.has(s, "sizeLimit") && negative(s.get("sizeLimit"))) {
          errs.add(p.child("sizeLimit").forbidden("SizeLimit field must be a valid resource quantity"));
        }
      }
      case "hostPath" -> errs.addAll(hostPath(s, p));
      case "secret" -> {
        if (Nodes.text(s, "secretName").isEmpty()) {
          errs.add(p.child("secretName").required(""));
        }
        errs.addAll(mode(s, "defaultMode", p));
        errs.addAll(items(s.path("items"), p.child("items")));
      }
      case "configMap" -> {
        if (Nodes.text(s, "name").isEmpty()) {
          errs.add(p.child("name").required(""));
        }
        errs.addAll(mode(s, "defaultMode", p));
        errs.addAll(items(s.path("items"), p.child("items")));
      }
      case "persistentVolumeClaim" -> {
        if (Nodes.text(s, "claimName").isEmpty()) {
          errs.add(p.child("claimName").required(""));
        }
      }
      case "nfs" -> {
        if (Nodes.text(s, "server").isEmpty()) {
          errs.add(p.child("server").required(""));
        }
        String nfsPath = Nodes.text(s, "path");
        if (nfsPath.isEmpty()) {
          errs.add(p.child("path").required(""));
        }
        if (!nfsPath.startsWith("/")) {
          errs.add(p.child("path").invalid(nfsPath, "must be an absolute path"));
        }
      }
      case "downwardAPI" -> {
        errs.addAll(mode(s, "defaultMode", p));
        for (JsonNode file : s.path("items")) {
          errs.addAll(downwardApiFile(file, p));
        }
      }
      case "projected" -> errs.addAll(projected(s, p));
      case "csi" -> errs.addAll(csiDriver(Nodes.text(s, "driver"), p.child("driver")));
      case "ephemeral" -> {
        if (!Nodes.has(s, "volumeClaimTemplate")) {
          errs.add(p.child("volumeClaimTemplate").required(""));
        } else {
          JsonNode template = s.get("volumeClaimTemplate");
          Path tp = p.child("volumeClaimTemplate");
          errs.addAll(Checks.annotations(template.path("metadata").get("annotations"),
              tp.child("metadata", "annotations")));
          errs.addAll(Checks.labels(template.path("metadata").get("labels"), tp.child("metadata", "labels")));
          for (String f : List.of("name", "generateName", "namespace", "uid", "resourceVersion", "generation",
              "creationTimestamp", "finalizers", "ownerReferences", "deletionTimestamp", "managedFields")) {
            if (Nodes.has(template.path("metadata"), f)) {
              errs.add(tp.child("metadata", f).forbidden("cannot be set"));
            }
          }
          errs.addAll(PersistentVolumeValidation.claimSpec(template.path("spec"), tp.child("spec")));
          if (!opts.podName().isEmpty() && !volumeName.isEmpty()) {
            String claimName = opts.podName() + "-" + volumeName;
            for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(claimName, false)) {
              errs.add(p.child("name").invalid(volumeName, "PVC name \"" + claimName + "\": " + msg));
            }
          }
        }
      }
      case "image" -> {
        if (Nodes.text(s, "reference").isEmpty()) {
          errs.add(p.child("reference").required(""));
        }
        String pull = Nodes.text(s, "pullPolicy");
        if (!pull.isEmpty() && !List.of("Always", "IfNotPresent", "Never").contains(pull)) {
          errs.add(p.child("pullPolicy").notSupported(pull, List.of("Always", "IfNotPresent", "Never")));
        }
      }
      default -> {
        for (String[] required : REQUIRED.getOrDefault(kind, List.of())) {
          JsonNode value = s.get(required[1]);
          if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())
              || (value.isArray() && value.isEmpty())) {
            errs.add(path.child(required[0]).child(required[1]).required(""));
          }
        }
      }
    }
    return errs;
  }

  private static List<FieldError> hostPath(JsonNode s, Path p) {
    var errs = new ArrayList<FieldError>();
    String hostPath = Nodes.text(s, "path");
    if (hostPath.isEmpty()) {
      errs.add(p.child("path").required(""));
      return errs;
    }
    if (!noBacksteps(hostPath)) {
      errs.add(p.child("path").invalid(hostPath, "must not contain '..'"));
    }
    if (Nodes.has(s, "type")) {
      String type = Nodes.text(s, "type");
      List<String> supported = List.of("", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File",
          "FileOrCreate", "Socket");
      if (!supported.contains(type)) {
        errs.add(p.child("type").notSupported(type, supported));
      }
    }
    return errs;
  }

  private static List<FieldError> projected(JsonNode s, Path p) {
    var errs = new ArrayList<FieldError>(mode(s, "defaultMode", p));
    var paths = new HashSet<String>();
    JsonNode sources = s.path("sources");
    for (int i = 0; i < sources.size(); i++) {
      JsonNode src = sources.get(i);
      Path sp = p.child("sources").index(i);
      int count = 0;
      for (String ref : List.of("secret", "configMap")) {
        if (!Nodes.has(src, ref)) {
          continue;
        }
        count++;
        JsonNode projection = src.get(ref);
        if (Nodes.text(projection, "name").isEmpty()) {
          errs.add(sp.child(ref, "name").required(""));
        }
        JsonNode items = projection.path("items");
        for (int j = 0; j < items.size(); j++) {
          errs.addAll(keyToPath(items.get(j), sp.child(ref, "items").index(j)));
          String itemPath = Nodes.text(items.get(j), "path");
          if (!itemPath.isEmpty() && !paths.add(itemPath)) {
            errs.add(p.invalid(Nodes.text(projection, "name"), "conflicting duplicate paths"));
          }
        }
      }
      if (Nodes.has(src, "downwardAPI")) {
        count++;
        for (JsonNode file : src.get("downwardAPI").path("items")) {
          errs.addAll(downwardApiFile(file, sp.child("downwardAPI")));
          String filePath = Nodes.text(file, "path");
          if (!filePath.isEmpty() && !paths.add(filePath)) {
            errs.add(p.invalid(filePath, "conflicting duplicate paths"));
          }
        }
      }
      if (Nodes.has(src, "serviceAccountToken")) {
        count++;
        JsonNode token = src.get("serviceAccountToken");
        long expiration = Nodes.number(token, "expirationSeconds", 0);
        Path tp = sp.child("serviceAccountToken");
        if (expiration < 600) {
          errs.add(tp.child("expirationSeconds").invalid(expiration, "may not specify a duration less than 10 minutes"));
        }
        if (expiration > (1L << 32)) {
          errs.add(tp.child("expirationSeconds").invalid(expiration,
              "may not specify a duration larger than 2^32 seconds"));
        }
        String tokenPath = Nodes.text(token, "path");
        if (tokenPath.isEmpty()) {
          errs.add(p.child("path").required(""));
        } else {
          errs.addAll(localNonReservedPath(tokenPath, p.child("path")));
        }
      }
      if (Nodes.has(src, "clusterTrustBundle")) {
        count++;
        JsonNode bundle = src.get("clusterTrustBundle");
        Path bp = sp.child("clusterTrustBundle");
        if (!Nodes.has(bundle, "name") && !Nodes.has(bundle, "signerName")) {
          errs.add(bp.required("either name or signerName must be specified"));
        }
        if (Nodes.text(bundle, "path").isEmpty()) {
          errs.add(bp.child("path").required(""));
        }
      }
      if (count > 1) {
        errs.add(sp.forbidden("may not specify more than 1 volume type per source"));
      }
    }
    return errs;
  }

  private static List<FieldError> downwardApiFile(JsonNode file, Path path) {
    var errs = new ArrayList<FieldError>();
    String filePath = Nodes.text(file, "path");
    if (filePath.isEmpty()) {
      errs.add(path.child("path").required(""));
    }
    errs.addAll(localNonReservedPath(filePath, path.child("path")));
    if (Nodes.has(file, "fieldRef")) {
      errs.addAll(EnvValidation.objectFieldSelector(file.get("fieldRef"), VOLUME_FIELD_PATHS, path.child("fieldRef")));
      if (Nodes.has(file, "resourceFieldRef")) {
        errs.add(path.invalid("resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
      }
    } else if (Nodes.has(file, "resourceFieldRef")) {
      errs.addAll(EnvValidation.resourceFieldSelector(file.get("resourceFieldRef"), true,
          path.child("resourceFieldRef")));
    } else {
      errs.add(path.required("one of fieldRef and resourceFieldRef is required"));
    }
    errs.addAll(mode(file, "mode", path));
    return errs;
  }

  private static List<FieldError> items(JsonNode items, Path path) {
    var errs = new ArrayList<FieldError>();
    for (int i = 0; i < items.size(); i++) {
      errs.addAll(keyToPath(items.get(i), path.index(i)));
    }
    return errs;
  }

  private static List<FieldError> keyToPath(JsonNode kp, Path path) {
    var errs = new ArrayList<FieldError>();
    if (Nodes.text(kp, "key").isEmpty()) {
      errs.add(path.child("key").required(""));
    }
    String itemPath = Nodes.text(kp, "path");
    if (itemPath.isEmpty()) {
      errs.add(path.child("path").required(""));
    }
    errs.addAll(localNonReservedPath(itemPath, path.child("path")));
    errs.addAll(mode(kp, "mode", path));
    return errs;
  }

  private static List<FieldError> mode(JsonNode s, String field, Path path) {
    if (Nodes.has(s, field)) {
      long mode = s.get(field).asLong();
      if (mode > 0777 || mode < 0) {
        return List.of(path.child(field).invalid(mode, FILE_MODE));
      }
    }
    return List.of();
  }

  static List<FieldError> csiDriver(String driver, Path path) {
    var errs = new ArrayList<FieldError>();
    if (driver.isEmpty()) {
      errs.add(path.required(""));
    }
    if (driver.length() > 63) {
      errs.add(path.tooLong(63));
    }
    for (String msg : Syntax.dns1123Subdomain(driver.toLowerCase(java.util.Locale.ROOT))) {
      errs.add(path.invalid(driver, msg));
    }
    return errs;
  }

  /** validateLocalDescendingPath: relative and without ".." elements. */
  static List<FieldError> localDescendingPath(String target, Path path) {
    var errs = new ArrayList<FieldError>();
    if (target.startsWith("/")) {
      errs.add(path.invalid(target, "must be a relative path"));
    }
    if (!noBacksteps(target)) {
      errs.add(path.invalid(target, "must not contain '..'"));
    }
    return errs;
  }

  /** ValidateLocalNonReservedPath: a local descending path that does not start with "..". */
  static List<FieldError> localNonReservedPath(String target, Path path) {
    var errs = new ArrayList<>(localDescendingPath(target, path));
    if (target.startsWith("..") && !target.startsWith("../")) {
      errs.add(path.invalid(target, "must not start with '..'"));
    }
    return errs;
  }

  static boolean noBacksteps(String target) {
    for (String part : target.split("/", -1)) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static boolean negative(JsonNode q) {
    try {
      return Quantity.parse(q.asText()).value().signum() < 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
