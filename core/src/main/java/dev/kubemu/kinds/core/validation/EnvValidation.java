package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Container {@code env} and {@code envFrom}, and the downward API selectors they share with volumes. */
final class EnvValidation {
  private static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace",
      "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs",
      "status.podIP", "status.podIPs");
  /** The field labels the v1 downward API converts (ConvertDownwardAPIFieldLabel). */
  private static final Set<String> CONVERTIBLE = Set.of("metadata.annotations", "metadata.labels", "metadata.name",
      "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
      "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  static final List<String> CONTAINER_RESOURCES = List.of("limits.cpu", "limits.ephemeral-storage",
      "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory");

  private EnvValidation() {}

  static List<FieldError> env(JsonNode vars, Path path) {
    var errs = new ArrayList<FieldError>();
    for (int i = 0; i < vars.size(); i++) {
      JsonNode ev = vars.get(i);
      Path p = path.index(i);
      String name = Nodes.text(ev, "name");
      if (name.isEmpty()) {
        errs.add(p.child("name").required(""));
      } else {
        for (String msg : Syntax.relaxedEnvVarName(name)) {
          errs.add(p.child("name").invalid(name, msg));
        }
      }
      errs.addAll(valueFrom(ev, p.child("valueFrom")));
    }
    return errs;
  }

  private static List<FieldError> valueFrom(JsonNode ev, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode from = Nodes.get(ev, "valueFrom");
    if (from == null) {
      return errs;
    }
    int sources = 0;
    if (Nodes.has(from, "fieldRef")) {
      sources++;
      errs.addAll(objectFieldSelector(from.get("fieldRef"), ENV_FIELD_PATHS, path.child("fieldRef")));
    }
    if (Nodes.has(from, "resourceFieldRef")) {
      sources++;
      errs.addAll(resourceFieldSelector(from.get("resourceFieldRef"), false, path.child("resourceFieldRef")));
    }
    if (Nodes.has(from, "configMapKeyRef")) {
      sources++;
      errs.addAll(keySelector(from.get("configMapKeyRef"), path.child("configMapKeyRef")));
    }
    if (Nodes.has(from, "secretKeyRef")) {
      sources++;
      errs.addAll(keySelector(from.get("secretKeyRef"), path.child("secretKeyRef")));
    }
    if (sources == 0) {
      errs.add(path.invalid("", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
          + "`secretKeyRef`"));
    } else if (!Nodes.text(ev, "value").isEmpty()) {
      errs.add(path.invalid("", "may not be specified when `value` is not empty"));
    } else if (sources > 1) {
      errs.add(path.invalid("", "may not have more than one field specified at a time"));
    }
    return errs;
  }

  /** validateObjectFieldSelector against the paths allowed where it is used. */
  static List<FieldError> objectFieldSelector(JsonNode fs, List<String> allowed, Path path) {
    var errs = new ArrayList<FieldError>();
    String apiVersion = Nodes.text(fs, "apiVersion");
    String fieldPath = Nodes.text(fs, "fieldPath");
    if (apiVersion.isEmpty()) {
      errs.add(path.child("apiVersion").required(""));
      return errs;
    }
    if (fieldPath.isEmpty()) {
      errs.add(path.child("fieldPath").required(""));
      return errs;
    }
    String base = fieldPath;
    String subscript = null;
    int open = fieldPath.indexOf("['");
    if (open > 0 && fieldPath.endsWith("']")) {
      base = fieldPath.substring(0, open);
      subscript = fieldPath.substring(open + 2, fieldPath.length() - 2);
    }
    if (!apiVersion.equals("v1")) {
      errs.add(path.child("fieldPath").invalid(fieldPath, "error converting fieldPath: unsupported pod version: "
          + apiVersion));
      return errs;
    }
    if (!CONVERTIBLE.contains(base)) {
      errs.add(path.child("fieldPath").invalid(fieldPath, "error converting fieldPath: field label not supported: "
          + fieldPath));
      return errs;
    }
    if (subscript != null) {
      switch (base) {
        case "metadata.annotations" -> {
          String key = subscript.toLowerCase(Locale.ROOT);
          for (String msg : Syntax.qualifiedName(key)) {
            errs.add(path.invalid(key, msg));
          }
        }
        case "metadata.labels" -> {
          for (String msg : Syntax.qualifiedName(subscript)) {
            errs.add(path.invalid(subscript, msg));
          }
        }
        default -> errs.add(path.invalid(base, "does not support subscript"));
      }
    } else if (!allowed.contains(base)) {
      errs.add(path.child("fieldPath").notSupported(base, allowed));
    }
    return errs;
  }

  /** validateContainerResourceFieldSelector; {@code volume} when used in a downward API volume. */
  static List<FieldError> resourceFieldSelector(JsonNode fs, boolean volume, Path path) {
    var errs = new ArrayList<FieldError>();
    String resource = Nodes.text(fs, "resource");
    if (volume && Nodes.text(fs, "containerName").isEmpty()) {
      errs.add(path.child("containerName").required(""));
    } else if (resource.isEmpty()) {
      errs.add(path.child("resource").required(""));
    } else if (!CONTAINER_RESOURCES.contains(resource) && !resource.startsWith("requests.hugepages-")
        && !resource.startsWith("limits.hugepages-")) {
      errs.add(path.child("resource").notSupported(resource, CONTAINER_RESOURCES));
    }
    if (Nodes.has(fs, "divisor")) {
      String divisor = canonicalQuantity(fs.get("divisor"));
      if (!divisor.equals("0")) {
        if ((resource.equals("limits.cpu") || resource.equals("requests.cpu"))
            && !divisor.equals("1m") && !divisor.equals("1")) {
          errs.add(path.child("divisor").invalid(resource,
              "only divisor's values 1m and 1 are supported with the cpu resource"));
        }
        Set<String> sizes = Set.of("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei");
        String list = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";
        if ((resource.equals("limits.memory") || resource.equals("requests.memory")) && !sizes.contains(divisor)) {
          errs.add(path.child("divisor").invalid(resource, "only divisor's values " + list
              + " are supported with the memory resource"));
        }
        if ((resource.equals("limits.ephemeral-storage") || resource.equals("requests.ephemeral-storage"))
            && !sizes.contains(divisor)) {
          errs.add(path.child("divisor").invalid(resource, "only divisor's values " + list
              + " are supported with the local ephemeral storage resource"));
        }
      }
    }
    return errs;
  }

  private static String canonicalQuantity(JsonNode q) {
    try {
      return dev.kubemu.core.object.Quantity.parse(q.asText()).toString();
    } catch (IllegalArgumentException e) {
      return q.asText();
    }
  }

  private static List<FieldError> keySelector(JsonNode s, Path path) {
    var errs = new ArrayList<FieldError>();
    String name = Nodes.text(s, "name");
    for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(name, false)) {
      errs.add(path.child("name").invalid(name, msg));
    }
    String key = Nodes.text(s, "key");
    if (key.isEmpty()) {
      errs.add(path.child("key").required(""));
    } else {
      for (String msg : Syntax.configMapKey(key)) {
        errs.add(path.child("key").invalid(key, msg));
      }
    }
    return errs;
  }

  static List<FieldError> envFrom(JsonNode sources, Path path) {
    var errs = new ArrayList<FieldError>();
    for (int i = 0; i < sources.size(); i++) {
      JsonNode ev = sources.get(i);
      Path p = path.index(i);
      String prefix = Nodes.text(ev, "prefix");
      if (!prefix.isEmpty()) {
        for (String msg : Syntax.relaxedEnvVarName(prefix)) {
          errs.add(p.child("prefix").invalid(prefix, msg));
        }
      }
      int count = 0;
      for (String ref : List.of("configMapRef", "secretRef")) {
        if (!Nodes.has(ev, ref)) {
          continue;
        }
        count++;
        String name = Nodes.text(ev.get(ref), "name");
        if (name.isEmpty()) {
          errs.add(p.child(ref, "name").required(""));
        } else {
          for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(name, true)) {
            errs.add(p.child(ref, "name").invalid(name, msg));
          }
        }
      }
      if (count == 0) {
        errs.add(path.invalid("", "must specify one of: `configMapRef` or `secretRef`"));
      } else if (count > 1) {
        errs.add(path.invalid("", "may not have more than one field specified at a time"));
      }
    }
    return errs;
  }
}
