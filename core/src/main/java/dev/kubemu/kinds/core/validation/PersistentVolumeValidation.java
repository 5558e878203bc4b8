package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.schema.SchemaCatalog;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.GoDiff;
import dev.kubemu.core.validation.GoSyntax;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** PersistentVolumeClaims (and claim templates) and PersistentVolumes. */
public final class PersistentVolumeValidation {
  private static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
      "ReadWriteOncePod");
  private static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");
  private static final List<String> RECLAIM_POLICIES = List.of("Delete", "Recycle", "Retain");
  private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
  /** The persistent volume sources (everything in a PV spec that says where the data is). */
  private static final Set<String> PV_SOURCES = Set.of("gcePersistentDisk", "awsElasticBlockStore", "hostPath",
      "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile",
      "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local",
      "storageos", "csi");

  private PersistentVolumeValidation() {}

  /** ValidatePersistentVolumeClaimSpec. */
  public static List<FieldError> claimSpec(JsonNode spec, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode modes = spec.path("accessModes");
    if (modes.isEmpty()) {
      errs.add(path.child("accessModes").required("at least 1 access mode is required"));
    }
    if (Nodes.has(spec, "selector")) {
      errs.addAll(Checks.labelSelector(spec.get("selector"), path.child("selector"), false));
    }
    errs.addAll(accessModes(modes, path.child("accessModes")));
    Path storagePath = path.child("resources").key("storage");
    TreeMap<String, Quantity> requests = ResourceValidation.quantities(spec.path("resources").get("requests"));
    Quantity storage = requests.get("storage");
    if (storage == null) {
      errs.add(storagePath.required(""));
    } else {
      List<FieldError> positive = ResourceValidation.positiveQuantity(storage, storagePath);
      errs.addAll(positive.isEmpty() ? ResourceValidation.quantityValue(storage, storagePath) : positive);
    }
    String className = Nodes.text(spec, "storageClassName");
    if (!className.isEmpty()) {
      for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(className, false)) {
        errs.add(path.child("storageClassName").invalid(className, msg));
      }
    }
    if (Nodes.has(spec, "volumeMode") && !VOLUME_MODES.contains(Nodes.text(spec, "volumeMode"))) {
      errs.add(path.child("volumeMode").notSupported(Nodes.text(spec, "volumeMode"), VOLUME_MODES));
    }
    for (String ref : List.of("dataSource", "dataSourceRef")) {
      if (!Nodes.has(spec, ref)) {
        continue;
      }
      JsonNode source = spec.get(ref);
      Path p = path.child(ref);
      if (Nodes.text(source, "name").isEmpty()) {
        errs.add(p.child("name").required(""));
      }
      if (Nodes.text(source, "kind").isEmpty()) {
        errs.add(p.child("kind").required(""));
      }
      String apiGroup = Nodes.text(source, "apiGroup");
      if (apiGroup.isEmpty() && !Nodes.text(source, "kind").equals("PersistentVolumeClaim")) {
        errs.add(p.invalid(Nodes.text(source, "kind"), "must be 'PersistentVolumeClaim' when referencing the default "
            + "apiGroup"));
      }
      if (!apiGroup.isEmpty()) {
        for (String msg : Syntax.dns1123Subdomain(apiGroup)) {
          errs.add(p.child("apiGroup").invalid(apiGroup, msg));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> accessModes(JsonNode modes, Path path) {
    var errs = new ArrayList<FieldError>();
    boolean oncePod = false;
    boolean other = false;
    for (JsonNode m : modes) {
      String mode = m.asText("");
      if (!ACCESS_MODES.contains(mode)) {
        errs.add(path.notSupported(mode, ACCESS_MODES));
      }
      if (mode.equals("ReadWriteOncePod")) {
        oncePod = true;
      } else if (ACCESS_MODES.contains(mode)) {
        other = true;
      }
    }
    if (oncePod && other) {
      errs.add(path.forbidden("may not use ReadWriteOncePod with other access modes"));
    }
    return errs;
  }

  public static List<FieldError> claim(JsonNode pvc) {
    return claimSpec(pvc.path("spec"), Path.of("spec"));
  }

  /**
   * ValidatePersistentVolumeClaimUpdate: the spec is immutable, except that a claim may be given its volume once and a
   * bound claim may ask for more storage.
   */
  public static List<FieldError> claimUpdate(JsonNode pvc, JsonNode old) {
    var errs = new ArrayList<>(claim(pvc));
    JsonNode newSpec = pvc.path("spec");
    JsonNode oldSpec = old.path("spec");
    ObjectNode newClone = newSpec.isObject() ? (ObjectNode) newSpec.deepCopy() : dev.kubemu.core.object.Json.object();
    ObjectNode oldClone = oldSpec.isObject() ? (ObjectNode) oldSpec.deepCopy() : dev.kubemu.core.object.Json.object();
    if (Nodes.text(oldSpec, "volumeName").isEmpty()) {
      copy(newSpec, oldClone, "volumeName");
    }
    String oldAnnotation = Nodes.text(old.path("metadata").path("annotations"), BETA_CLASS_ANNOTATION);
    boolean oldHasAnnotation = old.path("metadata").path("annotations").has(BETA_CLASS_ANNOTATION);
    JsonNode newAnnotations = pvc.path("metadata").path("annotations");
    if (oldHasAnnotation && !Nodes.has(oldSpec, "storageClassName") && Nodes.has(newSpec, "storageClassName")
        && Nodes.text(newSpec, "storageClassName").equals(oldAnnotation)
        && (!newAnnotations.has(BETA_CLASS_ANNOTATION) || Nodes.text(newAnnotations, BETA_CLASS_ANNOTATION)
        .equals(oldAnnotation))) {
      newClone.remove("storageClassName");
    } else {
      String newAnnotation = Nodes.text(newAnnotations, BETA_CLASS_ANNOTATION);
      if (!newAnnotation.equals(oldAnnotation)) {
        errs.add(Path.of("metadata", "annotations", BETA_CLASS_ANNOTATION).invalid(newAnnotation, Checks.IMMUTABLE));
      }
      if (Nodes.has(newSpec, "storageClassName") && !Nodes.has(oldSpec, "storageClassName")
          && (!oldHasAnnotation || Nodes.text(newSpec, "storageClassName").equals(oldAnnotation))) {
        copy(oldSpec, newClone, "storageClassName");
      }
    }
    boolean bound = pvc.path("status").path("phase").asText("").equals("Bound");
    if (bound && newClone.path("resources").get("requests") instanceof ObjectNode requests) {
      JsonNode oldStorage = oldSpec.path("resources").path("requests").get("storage");
      if (oldStorage == null) {
        requests.remove("storage");
      } else {
        requests.set("storage", oldStorage);
      }
    }
    if (bound && Nodes.has(newClone, "volumeAttributesClassName")) {
      copy(oldClone, newClone, "volumeAttributesClassName");
    }
    if (!Checks.semanticallyEqual(newClone, oldClone)) {
      String diff = GoDiff.diff(SchemaCatalog.builtin().definition("io.k8s.api.core.v1.PersistentVolumeClaimSpec")
          .orElseThrow(), oldClone, newClone);
      errs.add(Path.of("spec").forbidden("spec is immutable after creation except resources.requests and "
          + "volumeAttributesClassName for bound claims\n" + diff));
    }
    Quantity oldSize = ResourceValidation.quantities(oldSpec.path("resources").get("requests")).get("storage");
    Quantity newSize = ResourceValidation.quantities(newSpec.path("resources").get("requests")).get("storage");
    if (oldSize != null && newSize != null && newSize.compareTo(oldSize) < 0) {
      Quantity status = ResourceValidation.quantities(old.path("status").get("capacity")).get("storage");
      // RecoverVolumeExpansionFailure (on in 1.33) allows shrinking down to, but not to, the recorded capacity
      if (status == null ? newSize.value().signum() <= 0 : newSize.compareTo(status) <= 0) {
        errs.add(Path.of("spec", "resources", "requests", "storage").forbidden(
            "field can not be less than status.capacity"));
      }
    }
    if (!Checks.semanticallyEqual(newSpec.get("volumeMode"), oldSpec.get("volumeMode"))) {
      errs.add(Path.of("volumeMode").invalid(Nodes.has(newSpec, "volumeMode") ? Nodes.text(newSpec, "volumeMode")
          : null, Checks.IMMUTABLE));
    }
    return errs;
  }

  /** ValidatePersistentVolume. */
  public static List<FieldError> volume(JsonNode pv) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = pv.path("spec");
    Path path = Path.of("spec");
    JsonNode modes = spec.path("accessModes");
    if (modes.isEmpty()) {
      errs.add(path.child("accessModes").required(""));
    }
    errs.addAll(accessModes(modes, path.child("accessModes")));
    JsonNode capacity = spec.get("capacity");
    TreeMap<String, Quantity> quantities = ResourceValidation.quantities(capacity);
    if (capacity == null || capacity.isNull() || capacity.isEmpty()) {
      errs.add(path.child("capacity").required(""));
    }
    if (!quantities.containsKey("storage") || (capacity != null && capacity.size() > 1)) {
      errs.add(path.child("capacity").notSupported(resourceList(capacity), List.of("storage")));
    }
    for (var e : quantities.entrySet()) {
      Path p = path.child("capacity").key(e.getKey());
      if (e.getValue().value().signum() < 0) {
        errs.add(p.invalid(e.getValue().value().longValue(), "must be a valid resource quantity"));
      }
      errs.addAll(ResourceValidation.positiveQuantity(e.getValue(), p));
    }
    String reclaim = Nodes.text(spec, "persistentVolumeReclaimPolicy");
    if (!reclaim.isEmpty() && !RECLAIM_POLICIES.contains(reclaim)) {
      errs.add(path.child("persistentVolumeReclaimPolicy").notSupported(reclaim, RECLAIM_POLICIES));
    }
    boolean nodeAffinity = false;
    if (Nodes.has(spec, "nodeAffinity")) {
      nodeAffinity = true;
      JsonNode affinity = spec.get("nodeAffinity");
      if (Nodes.has(affinity, "required")) {
        errs.addAll(SchedulingValidation.nodeSelector(affinity.get("required"), false,
            path.child("nodeAffinity", "required")));
      } else {
        errs.add(path.child("nodeAffinity", "required").required("must specify required node constraints"));
      }
    }
    int sources = 0;
    for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) spec::fields) {
      if (!PV_SOURCES.contains(e.getKey()) || e.getValue().isNull()) {
        continue;
      }
      if (sources > 0 && !e.getKey().equals("flexVolume")) {
        errs.add(path.child(e.getKey()).forbidden("may not specify more than 1 volume type"));
        continue;
      }
      sources++;
      JsonNode source = e.getValue();
      Path sp = path.child(e.getKey());
      switch (e.getKey()) {
        case "hostPath", "local" -> {
          String p = Nodes.text(source, "path");
          if (p.isEmpty()) {
            errs.add(sp.child("path").required(""));
          } else if (!VolumeValidation.noBacksteps(p)) {
            errs.add(sp.child("path").invalid(p, "must not contain '..'"));
          }
          if (e.getKey().equals("local") && !nodeAffinity) {
            errs.add(path.child("nodeAffinity").required("Local volume requires node affinity"));
          }
        }
        case "nfs" -> {
          if (Nodes.text(source, "server").isEmpty()) {
            errs.add(sp.child("server").required(""));
          }
          String p = Nodes.text(source, "path");
          if (p.isEmpty()) {
            errs.add(sp.child("path").required(""));
          }
          if (!p.startsWith("/")) {
            errs.add(sp.child("path").invalid(p, "must be an absolute path"));
          }
        }
        case "csi" -> {
          errs.addAll(VolumeValidation.csiDriver(Nodes.text(source, "driver"), sp.child("driver")));
          if (Nodes.text(source, "volumeHandle").isEmpty()) {
            errs.add(sp.child("volumeHandle").required(""));
          }
        }
        default -> { }
      }
    }
    if (sources == 0) {
      errs.add(path.required("must specify a volume type"));
    }
    String className = Nodes.text(spec, "storageClassName");
    if (!className.isEmpty()) {
      for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(className, false)) {
        errs.add(path.child("storageClassName").invalid(className, msg));
      }
    }
    if (Nodes.has(spec, "volumeMode") && !VOLUME_MODES.contains(Nodes.text(spec, "volumeMode"))) {
      errs.add(path.child("volumeMode").notSupported(Nodes.text(spec, "volumeMode"), VOLUME_MODES));
    }
    return errs;
  }

  /** ValidatePersistentVolumeUpdate: the volume source and mode never change. */
  public static List<FieldError> volumeUpdate(JsonNode pv, JsonNode old) {
    var errs = new ArrayList<>(volume(pv));
    ObjectNode newSource = source(pv.path("spec"));
    ObjectNode oldSource = source(old.path("spec"));
    if (!Checks.semanticallyEqual(newSource, oldSource)) {
      String diff = GoDiff.diff(SchemaCatalog.builtin().definition("io.k8s.api.core.v1.PersistentVolumeSpec")
          .orElseThrow(), oldSource, newSource);
      errs.add(Path.of("spec", "persistentvolumesource").forbidden("spec.persistentvolumesource is immutable after "
          + "creation\n" + diff));
    }
    if (!Checks.semanticallyEqual(pv.path("spec").get("volumeMode"), old.path("spec").get("volumeMode"))) {
      errs.add(Path.of("volumeMode").invalid(Nodes.has(pv.path("spec"), "volumeMode")
          ? Nodes.text(pv.path("spec"), "volumeMode") : null, Checks.IMMUTABLE));
    }
    return errs;
  }

  private static ObjectNode source(JsonNode spec) {
    ObjectNode out = dev.kubemu.core.object.Json.object();
    spec.fields().forEachRemaining(e -> {
      if (PV_SOURCES.contains(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  private static GoValue resourceList(JsonNode capacity) {
    if (capacity == null || capacity.isNull()) {
      return GoValue.nil("core.ResourceList");
    }
    var entries = new TreeMap<String, GoValue>();
    capacity.fields().forEachRemaining(e -> entries.put(e.getKey(), GoValue.raw(GoSyntax.quantity(e.getValue().asText()))));
    return GoValue.map("core.ResourceList", entries);
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }
}
