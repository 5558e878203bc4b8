package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resource names and quantities ({@code resources.limits}, {@code requests}, PV capacity), with kube-apiserver's
 * rules: names are standard or fully qualified, quantities are not negative, requests do not exceed limits, and
 * extended resources cannot be overcommitted.
 */
public final class ResourceValidation {
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
      "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
      "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
      "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports", "services.loadbalancers");
  private static final Set<String> STANDARD_CONTAINER = Set.of("cpu", "memory", "ephemeral-storage");

  private ResourceValidation() {}

  /** A container's (or pod overhead's) {@code resources}: limits, then requests, each by name. */
  public static List<FieldError> requirements(JsonNode resources, Path path) {
    var errs = new ArrayList<FieldError>();
    if (resources == null) {
      return errs;
    }
    Path limPath = path.child("limits");
    Path reqPath = path.child("requests");
    TreeMap<String, Quantity> limits = quantities(resources.get("limits"));
    TreeMap<String, Quantity> requests = quantities(resources.get("requests"));
    boolean cpuOrMemory = false;
    boolean hugePages = false;
    for (var e : limits.entrySet()) {
      Path p = limPath.key(e.getKey());
      errs.addAll(containerResourceName(e.getKey(), p));
      errs.addAll(quantityValue(e.getValue(), p));
      hugePages |= isHugePage(e.getKey());
      cpuOrMemory |= e.getKey().equals("cpu") || e.getKey().equals("memory");
    }
    for (var e : requests.entrySet()) {
      String name = e.getKey();
      Quantity q = e.getValue();
      Path p = reqPath.key(name);
      errs.addAll(containerResourceName(name, p));
      errs.addAll(quantityValue(q, p));
      Quantity limit = limits.get(name);
      if (limit != null) {
        if (q.compareTo(limit) != 0 && !overcommitAllowed(name)) {
          errs.add(reqPath.invalid(q.toString(), "must be equal to " + name + " limit of " + limit));
        } else if (q.compareTo(limit) > 0) {
          errs.add(reqPath.invalid(q.toString(), "must be less than or equal to " + name + " limit of " + limit));
        }
      } else if (!overcommitAllowed(name)) {
        errs.add(limPath.required("Limit must be set for non overcommitable resources"));
      }
      hugePages |= isHugePage(name);
      cpuOrMemory |= name.equals("cpu") || name.equals("memory");
    }
    if (!cpuOrMemory && hugePages) {
      errs.add(path.forbidden("HugePages require cpu or memory"));
    }
    JsonNode claims = resources.path("claims");
    var claimNames = new java.util.HashSet<String>();
    for (int i = 0; i < claims.size(); i++) {
      String name = Nodes.text(claims.get(i), "name");
      if (name.isEmpty()) {
        errs.add(path.child("claims").index(i).required(""));
      } else if (!claimNames.add(name)) {
        errs.add(path.child("claims").index(i).duplicate(name));
      }
    }
    return errs;
  }

  /** ValidateResourceQuantityValue: not negative. */
  public static List<FieldError> quantityValue(Quantity q, Path path) {
    if (q.value().signum() < 0) {
      return List.of(path.invalid(q.toString(), Checks.NEGATIVE));
    }
    return List.of();
  }

  /** ValidatePositiveQuantityValue. */
  public static List<FieldError> positiveQuantity(Quantity q, Path path) {
    if (q.value().compareTo(BigDecimal.ZERO) <= 0) {
      return List.of(path.invalid(q.toString(), "must be greater than zero"));
    }
    return List.of();
  }

  /** A resource name usable in a container's resources. */
  public static List<FieldError> containerResourceName(String name, Path path) {
    var errs = new ArrayList<FieldError>(resourceName(name, path));
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER.contains(name) && !isHugePage(name)) {
        errs.add(path.invalid(name, "must be a standard resource for containers"));
      }
    } else if (!isNative(name) && !isExtended(name)) {
      errs.add(path.invalid(name, "doesn't follow extended resource name standard"));
    }
    return errs;
  }

  /** A resource name: a qualified name that is standard unless it has a prefix. */
  public static List<FieldError> resourceName(String name, Path path) {
    var errs = new ArrayList<FieldError>();
    for (String msg : Syntax.qualifiedName(name)) {
      errs.add(path.invalid(name, msg));
    }
    if (!errs.isEmpty()) {
      return errs;
    }
    if (!name.contains("/") && !STANDARD.contains(name) && !name.startsWith("requests.hugepages-")) {
      errs.add(path.invalid(name, "must be a standard resource type or fully qualified"));
    }
    return errs;
  }

  /** The quantities of a resource list by name; entries that do not parse are left to the decoder's errors. */
  public static TreeMap<String, Quantity> quantities(JsonNode list) {
    var out = new TreeMap<String, Quantity>();
    if (list == null || !list.isObject()) {
      return out;
    }
    list.fields().forEachRemaining(e -> {
      try {
        out.put(e.getKey(), Quantity.parse(e.getValue().isNumber() ? e.getValue().asText()
            : e.getValue().asText("")));
      } catch (IllegalArgumentException ignored) {
        // not a quantity: the body decoding reports it
      }
    });
    return out;
  }

  static boolean isHugePage(String name) {
    return name.startsWith("hugepages-");
  }

  static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  static boolean isExtended(String name) {
    if (isNative(name) || name.startsWith("requests.")) {
      return false;
    }
    return Syntax.qualifiedName("requests." + name).isEmpty();
  }

  static boolean overcommitAllowed(String name) {
    return isNative(name) && !isHugePage(name);
  }
}
