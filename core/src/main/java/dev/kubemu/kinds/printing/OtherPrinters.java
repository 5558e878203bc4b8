package dev.kubemu.kinds.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.printing.HumanDuration;
import dev.kubemu.core.printing.PrinterColumn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver 1.33's Table columns for the autoscaling, batch, networking, policy, storage, discovery and
 * coordination groups.
 */
public final class OtherPrinters {
  private OtherPrinters() {}

  /** HorizontalPodAutoscalers, given in the autoscaling/v2 shape. */
  public static List<PrinterColumn> horizontalPodAutoscalers() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Reference", "string", "reference to the target object", (o, now) -> o.path("spec")
            .path("scaleTargetRef").path("kind").asText("") + "/" + o.path("spec").path("scaleTargetRef")
            .path("name").asText("")),
        PrinterColumn.of("Targets", "string", "the current and target metric values", (o, now) -> HpaTargets.of(o)),
        PrinterColumn.of("MinPods", "string", "minimum number of pods", (o, now) -> o.path("spec")
            .has("minReplicas") ? Long.toString(o.path("spec").path("minReplicas").asLong()) : "<unset>"),
        Cells.integer("MaxPods", "maximum number of pods", "/spec/maxReplicas"),
        Cells.integer("Replicas", "current number of replicas", "/status/currentReplicas"),
        Cells.age());
  }

  private static PrinterColumn containers(String pointer) {
    return PrinterColumn.wide("Containers", "string", "Names of each container in the template.",
        Cells.joinedContainerField(pointer, "name"));
  }

  private static PrinterColumn images(String pointer) {
    return PrinterColumn.wide("Images", "string", "Images referenced by each container in the template.",
        Cells.joinedContainerField(pointer, "image"));
  }

  public static List<PrinterColumn> jobs() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Status", "string", "Status of the job.", (o, now) -> jobStatus(o)),
        PrinterColumn.of("Completions", "string", "The completion status of the job.", (o, now) -> {
          JsonNode spec = o.path("spec");
          long succeeded = o.path("status").path("succeeded").asLong(0);
          if (spec.has("completions")) {
            return succeeded + "/" + spec.path("completions").asLong();
          }
          if (spec.path("parallelism").asLong(1) > 1) {
            return succeeded + "/1 of " + spec.path("parallelism").asLong();
          }
          return succeeded + "/1";
        }),
        PrinterColumn.of("Duration", "string", "Time required to complete the job.", (o, now) -> {
          var start = Timestamps.parse(o.path("status").path("startTime").asText(""));
          if (start.isEmpty()) {
            return "";
          }
          var end = Timestamps.parse(o.path("status").path("completionTime").asText("")).orElse(now);
          return HumanDuration.format(Duration.between(start.get(), end));
        }),
        Cells.age(),
        containers("/spec/template/spec/containers"), images("/spec/template/spec/containers"),
        PrinterColumn.wide("Selector", "string", "Label selector for pods.",
            (o, now) -> Cells.formatSelector(o.path("spec").get("selector"))));
  }

  private static String jobStatus(JsonNode job) {
    if (hasCondition(job, "Complete")) {
      return "Complete";
    }
    if (hasCondition(job, "Failed")) {
      return "Failed";
    }
    if (job.path("metadata").hasNonNull("deletionTimestamp")) {
      return "Terminating";
    }
    for (String type : new String[] {"Suspended", "FailureTarget", "SuccessCriteriaMet"}) {
      if (hasCondition(job, type)) {
        return type;
      }
    }
    return "Running";
  }

  private static boolean hasCondition(JsonNode o, String type) {
    for (JsonNode c : o.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type) && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }

  public static List<PrinterColumn> cronJobs() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Schedule", "The schedule in Cron format", "/spec/schedule"),
        PrinterColumn.of("Timezone", "string", "The timezone of the schedule",
            (o, now) -> Cells.orNone(o.path("spec").path("timeZone").asText(""))),
        PrinterColumn.of("Suspend", "boolean", "Whether the cronjob is suspended", (o, now) ->
            o.path("spec").has("suspend") ? (o.path("spec").path("suspend").asBoolean() ? "True" : "False")
                : "<unset>"),
        PrinterColumn.of("Active", "integer", "Number of active jobs", (o, now) -> (long) o.path("status")
            .path("active").size()),
        PrinterColumn.of("Last Schedule", "string", "Last time the job was scheduled", (o, now) ->
            Timestamps.parse(o.path("status").path("lastScheduleTime").asText("")).map(t ->
                HumanDuration.format(Duration.between(t, now))).orElse(Cells.NONE)),
        Cells.age(),
        containers("/spec/jobTemplate/spec/template/spec/containers"),
        images("/spec/jobTemplate/spec/template/spec/containers"),
        PrinterColumn.wide("Selector", "string", "Label selector for pods.",
            (o, now) -> Cells.formatSelector(o.path("spec").path("jobTemplate").path("spec").get("selector"))));
  }

  public static List<PrinterColumn> ingresses() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Class", "string", "The name of the IngressClass resource.",
            (o, now) -> Cells.orNone(o.path("spec").path("ingressClassName").asText(""))),
        PrinterColumn.of("Hosts", "string", "Hosts that incoming requests are matched against before the ingress "
            + "rule", (o, now) -> {
              var hosts = new ArrayList<String>();
              for (JsonNode rule : o.path("spec").path("rules")) {
                if (!rule.path("host").asText("").isEmpty()) {
                  hosts.add(rule.path("host").asText());
                }
              }
              if (hosts.isEmpty()) {
                return "*";
              }
              if (hosts.size() > 4) {
                return String.join(",", hosts.subList(0, 4)) + " + " + (hosts.size() - 4) + " more...";
              }
              return String.join(",", hosts);
            }),
        PrinterColumn.of("Address", "string", "Address is a list containing ingress points for the load-balancer",
            (o, now) -> {
              var addresses = new ArrayList<String>();
              for (JsonNode i : o.path("status").path("loadBalancer").path("ingress")) {
                addresses.add(!i.path("ip").asText("").isEmpty() ? i.path("ip").asText()
                    : i.path("hostname").asText(""));
              }
              return String.join(",", addresses);
            }),
        PrinterColumn.of("Ports", "string", "Ports of TLS configurations that open",
            (o, now) -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"),
        Cells.age());
  }

  public static List<PrinterColumn> ingressClasses() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Controller", "Controller that is responsible for handling this class", "/spec/controller"),
        PrinterColumn.of("Parameters", "string", "A reference to a resource with additional parameters", (o, now) -> {
          JsonNode p = o.path("spec").path("parameters");
          if (p.isMissingNode()) {
            return Cells.NONE;
          }
          String group = p.path("apiGroup").asText("");
          return p.path("kind").asText() + (group.isEmpty() ? "" : "." + group) + "/" + p.path("name").asText();
        }),
        Cells.age());
  }

  public static List<PrinterColumn> networkPolicies() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies.",
            (o, now) -> {
              String s = Cells.formatSelector(o.path("spec").get("podSelector"));
              return s.equals(Cells.NONE) ? "" : s;
            }),
        Cells.age());
  }

  public static List<PrinterColumn> podDisruptionBudgets() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Min Available", "string", "The minimum number of pods that must be available",
            (o, now) -> o.path("spec").has("minAvailable") ? o.path("spec").path("minAvailable").asText() : "N/A"),
        PrinterColumn.of("Max Unavailable", "string", "The maximum number of pods that may be unavailable",
            (o, now) -> o.path("spec").has("maxUnavailable") ? o.path("spec").path("maxUnavailable").asText()
                : "N/A"),
        Cells.integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time",
            "/status/disruptionsAllowed"),
        Cells.age());
  }

  public static List<PrinterColumn> storageClasses() {
    return List.of(
        new PrinterColumn("Name", "string", "name", 0, "Name must be unique within a namespace.", (o, now) -> {
          String name = o.path("metadata").path("name").asText("");
          JsonNode a = o.path("metadata").path("annotations");
          boolean isDefault = a.path("storageclass.kubernetes.io/is-default-class").asText("").equals("true")
              || a.path("storageclass.beta.kubernetes.io/is-default-class").asText("").equals("true");
          return isDefault ? name + " (default)" : name;
        }),
        Cells.text("Provisioner", "Indicates the type of the provisioner.", "/provisioner"),
        PrinterColumn.of("ReclaimPolicy", "string", "Dynamically provisioned PersistentVolumes of this storage class "
            + "are created with this reclaimPolicy.", (o, now) -> o.path("reclaimPolicy").asText("Delete")),
        PrinterColumn.of("VolumeBindingMode", "string", "VolumeBindingMode indicates how PersistentVolumeClaims "
            + "should be provisioned and bound.", (o, now) -> o.path("volumeBindingMode").asText("Immediate")),
        PrinterColumn.of("AllowVolumeExpansion", "string", "AllowVolumeExpansion shows whether the storage class "
            + "allow volume expand.", (o, now) -> Boolean.toString(o.path("allowVolumeExpansion").asBoolean(false))),
        Cells.age());
  }

  public static List<PrinterColumn> endpointSlices() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("AddressType", "The IP protocol for this slice", "/addressType"),
        PrinterColumn.of("Ports", "string", "The ports contained in this slice", (o, now) -> {
          var ports = new ArrayList<String>();
          for (JsonNode p : o.path("ports")) {
            if (p.has("port")) {
              ports.add(Long.toString(p.path("port").asLong()));
            }
          }
          return ports.isEmpty() ? "<unset>" : String.join(",", ports);
        }),
        PrinterColumn.of("Endpoints", "string", "First N endpoints in this slice", (o, now) -> {
          var addresses = new ArrayList<String>();
          int total = 0;
          for (JsonNode e : o.path("endpoints")) {
            for (JsonNode a : e.path("addresses")) {
              total++;
              if (addresses.size() < 3) {
                addresses.add(a.asText());
              }
            }
          }
          if (total == 0) {
            return "<unset>";
          }
          String joined = String.join(",", addresses);
          return total > 3 ? joined + " + " + (total - 3) + " more..." : joined;
        }),
        Cells.age());
  }

  public static List<PrinterColumn> leases() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Holder", "string", "The holder of the lease.",
            (o, now) -> o.path("spec").path("holderIdentity").asText("")),
        Cells.age());
  }

  public static List<PrinterColumn> resourceQuotas() {
    return List.of(PrinterColumn.nameColumn(), Cells.age(),
        PrinterColumn.of("Request", "string", "Request represents a minimum amount of cpu/memory that a container "
            + "may consume.", (o, now) -> quota(o, false)),
        PrinterColumn.of("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may "
            + "use independent of contention on the node.", (o, now) -> quota(o, true)));
  }

  private static String quota(JsonNode o, boolean limits) {
    var parts = new ArrayList<String>();
    var names = new java.util.TreeSet<String>();
    o.path("spec").path("hard").fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (name.startsWith("limits.") != limits) {
        continue;
      }
      String used = o.path("status").path("used").path(name).asText("0");
      parts.add(name + ": " + used + "/" + o.path("spec").path("hard").path(name).asText());
    }
    return String.join(", ", parts);
  }
}
