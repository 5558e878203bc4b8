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
        PrinterColumn.of("Reference", "string", "The kind and name of the object being scaled.",
            (o, now) -> o.path("spec").path("scaleTargetRef").path("kind").asText("") + "/"
                + o.path("spec").path("scaleTargetRef").path("name").asText("")),
        PrinterColumn.of("Targets", "string", "Each metric's current value against its target.",
            (o, now) -> HpaTargets.of(o)),
        PrinterColumn.of("MinPods", "string", "The fewest replicas the autoscaler scales down to.",
            (o, now) -> o.path("spec").has("minReplicas") ? Long.toString(o.path("spec").path("minReplicas").asLong())
                : "<unset>"),
        Cells.integer("MaxPods", "The most replicas the autoscaler scales up to.", "/spec/maxReplicas"),
        Cells.integer("Replicas", "How many replicas the autoscaler last saw.", "/status/currentReplicas"),
        Cells.age());
  }

  private static PrinterColumn containers(String pointer) {
    return PrinterColumn.wide("Containers", "string", "The names of the pod template's containers.",
        Cells.joinedContainerField(pointer, "name"));
  }

  private static PrinterColumn images(String pointer) {
    return PrinterColumn.wide("Images", "string", "The images of the pod template's containers.",
        Cells.joinedContainerField(pointer, "image"));
  }

  public static List<PrinterColumn> jobs() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Status", "string", "Where the job stands: Running, Complete, Failed, Suspended and so on.",
            (o, now) -> jobStatus(o)),
        PrinterColumn.of("Completions", "string", "How many pods have succeeded, out of the number "
            + "needed.", (o, now) -> {
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
        PrinterColumn.of("Duration", "string", "How long the job ran, or has been running so far.", (o, now) -> {
          var start = Timestamps.parse(o.path("status").path("startTime").asText(""));
          if (start.isEmpty()) {
            return "";
          }
          var end = Timestamps.parse(o.path("status").path("completionTime").asText("")).orElse(now);
          return HumanDuration.format(Duration.between(start.get(), end));
        }),
        Cells.age(),
        containers("/spec/template/spec/containers"), images("/spec/template/spec/containers"),
        PrinterColumn.wide("Selector", "string", "The label selector that picks the job's pods.",
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
        Cells.text("Schedule", "When jobs are started, in cron syntax.", "/spec/schedule"),
        PrinterColumn.of("Timezone", "string", "The time zone the schedule is read in, if one is set.",
            (o, now) -> Cells.orNone(o.path("spec").path("timeZone").asText(""))),
        PrinterColumn.of("Suspend", "boolean", "Whether new runs are paused.", (o, now) ->
            o.path("spec").has("suspend") ? (o.path("spec").path("suspend").asBoolean() ? "True" : "False")
                : "<unset>"),
        PrinterColumn.of("Active", "integer", "How many of its jobs are running now.",
            (o, now) -> (long) o.path("status").path("active").size()),
        PrinterColumn.of("Last Schedule", "string", "How long ago a job was last scheduled.", (o, now) ->
            Timestamps.parse(o.path("status").path("lastScheduleTime").asText("")).map(t ->
                HumanDuration.format(Duration.between(t, now))).orElse(Cells.NONE)),
        Cells.age(),
        containers("/spec/jobTemplate/spec/template/spec/containers"),
        images("/spec/jobTemplate/spec/template/spec/containers"),
        PrinterColumn.wide("Selector", "string", "The label selector set in the job template, if any.",
            (o, now) -> Cells.formatSelector(o.path("spec").path("jobTemplate").path("spec").get("selector"))));
  }

  public static List<PrinterColumn> ingresses() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Class", "string", "The ingress class that handles this ingress.",
            (o, now) -> Cells.orNone(o.path("spec").path("ingressClassName").asText(""))),
        PrinterColumn.of("Hosts", "string", "The host names the rules match, or * for any host.", (o, now) -> {
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
        PrinterColumn.of("Address", "string", "Where the load balancer serving the ingress is reached.",
            (o, now) -> {
              var addresses = new ArrayList<String>();
              for (JsonNode i : o.path("status").path("loadBalancer").path("ingress")) {
                addresses.add(!i.path("ip").asText("").isEmpty() ? i.path("ip").asText()
                    : i.path("hostname").asText(""));
              }
              return String.join(",", addresses);
            }),
        PrinterColumn.of("Ports", "string", "The ports served: 80, and 443 when TLS is set up.",
            (o, now) -> o.path("spec").path("tls").isEmpty() ? "80" : "80, 443"),
        Cells.age());
  }

  public static List<PrinterColumn> ingressClasses() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Controller", "The controller that implements the class.", "/spec/controller"),
        PrinterColumn.of("Parameters", "string", "The object holding the controller's extra settings.", (o, now) -> {
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
        PrinterColumn.of("Pod-Selector", "string", "The labels of the pods the policy applies to.",
            (o, now) -> {
              String s = Cells.formatSelector(o.path("spec").get("podSelector"));
              return s.equals(Cells.NONE) ? "" : s;
            }),
        Cells.age());
  }

  public static List<PrinterColumn> podDisruptionBudgets() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Min Available", "string", "How many pods must stay available, as a count or percentage.",
            (o, now) -> o.path("spec").has("minAvailable") ? o.path("spec").path("minAvailable").asText() : "N/A"),
        PrinterColumn.of("Max Unavailable", "string", "How many pods may be down at once, as a count or percentage.",
            (o, now) -> o.path("spec").has("maxUnavailable") ? o.path("spec").path("maxUnavailable").asText()
                : "N/A"),
        Cells.integer("Allowed Disruptions", "How many pods may be evicted right now.",
            "/status/disruptionsAllowed"),
        Cells.age());
  }

  public static List<PrinterColumn> storageClasses() {
    return List.of(
        new PrinterColumn("Name", "string", "name", 0, "The class's name, marked (default) if it is the default "
            + "class.", (o, now) -> {
          String name = o.path("metadata").path("name").asText("");
          JsonNode a = o.path("metadata").path("annotations");
          boolean isDefault = a.path("storageclass.kubernetes.io/is-default-class").asText("").equals("true")
              || a.path("storageclass.beta.kubernetes.io/is-default-class").asText("").equals("true");
          return isDefault ? name + " (default)" : name;
        }),
        Cells.text("Provisioner", "The driver that creates volumes for the class.", "/provisioner"),
        PrinterColumn.of("ReclaimPolicy", "string", "What is done with a volume of this class once its claim is gone.",
            (o, now) -> o.path("reclaimPolicy").asText("Delete")),
        PrinterColumn.of("VolumeBindingMode", "string", "Whether claims are bound at once or only when a pod "
            + "uses them.", (o, now) -> o.path("volumeBindingMode").asText("Immediate")),
        PrinterColumn.of("AllowVolumeExpansion", "string", "Whether claims of this class may be resized.",
            (o, now) -> Boolean.toString(o.path("allowVolumeExpansion").asBoolean(false))),
        Cells.age());
  }

  public static List<PrinterColumn> endpointSlices() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("AddressType", "The kind of addresses the slice holds: IPv4, IPv6 or FQDN.", "/addressType"),
        PrinterColumn.of("Ports", "string", "The port numbers the slice lists.", (o, now) -> {
          var ports = new ArrayList<String>();
          for (JsonNode p : o.path("ports")) {
            if (p.has("port")) {
              ports.add(Long.toString(p.path("port").asLong()));
            }
          }
          return ports.isEmpty() ? "<unset>" : String.join(",", ports);
        }),
        PrinterColumn.of("Endpoints", "string", "Up to three of the slice's addresses, and how many more "
            + "there are.", (o, now) -> {
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
        PrinterColumn.of("Holder", "string", "Who holds the lease now.",
            (o, now) -> o.path("spec").path("holderIdentity").asText("")),
        Cells.age());
  }

  public static List<PrinterColumn> resourceQuotas() {
    return List.of(PrinterColumn.nameColumn(), Cells.age(),
        PrinterColumn.of("Request", "string", "Used/hard amounts of each quota item other than the limits.* ones.",
            (o, now) -> quota(o, false)),
        PrinterColumn.of("Limit", "string", "Used/hard amounts of the limits.* quota items.",
            (o, now) -> quota(o, true)));
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
