package dev.kubemu.kinds.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.GroupVersionKindText;
import dev.kubemu.core.printing.PrinterColumn;
import java.util.List;
import java.util.Locale;

/** kube-apiserver 1.33's Table columns for apps/v1 resources. */
public final class AppsPrinters {
  private AppsPrinters() {}

  private static PrinterColumn containers() {
    return PrinterColumn.wide("Containers", "string", "Names of each container in the template.",
        Cells.joinedContainerField("/spec/template/spec/containers", "name"));
  }

  private static PrinterColumn images() {
    return PrinterColumn.wide("Images", "string", "Images referenced by each container in the template.",
        Cells.joinedContainerField("/spec/template/spec/containers", "image"));
  }

  private static PrinterColumn selector() {
    return PrinterColumn.wide("Selector", "string", "Label selector for pods.",
        (o, now) -> Cells.formatSelector(o.path("spec").get("selector")));
  }

  private static String readyOfDesired(JsonNode o) {
    return o.path("status").path("readyReplicas").asLong(0) + "/" + o.path("spec").path("replicas").asLong(0);
  }

  public static List<PrinterColumn> deployments() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Ready", "string", "Number of the pod with ready state", (o, now) -> readyOfDesired(o)),
        Cells.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the "
            + "desired template spec.", "/status/updatedReplicas"),
        Cells.integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by "
            + "this deployment.", "/status/availableReplicas"),
        Cells.age(), containers(), images(), selector());
  }

  public static List<PrinterColumn> replicaSets() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.integer("Desired", "Replicas is the number of desired replicas.", "/spec/replicas"),
        Cells.integer("Current", "Replicas is the most recently observed number of replicas.", "/status/replicas"),
        Cells.integer("Ready", "The number of ready replicas for this replica set.", "/status/readyReplicas"),
        Cells.age(), containers(), images(), selector());
  }

  public static List<PrinterColumn> statefulSets() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Ready", "string", "Number of the pod with ready state", (o, now) -> readyOfDesired(o)),
        Cells.age(), containers(), images());
  }

  public static List<PrinterColumn> daemonSets() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.integer("Desired", "The total number of nodes that should be running the daemon pod.",
            "/status/desiredNumberScheduled"),
        Cells.integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to "
            + "run the daemon pod.", "/status/currentNumberScheduled"),
        Cells.integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of "
            + "the daemon pod running and ready.", "/status/numberReady"),
        Cells.integer("Up-to-date", "The total number of nodes that are running updated daemon pod",
            "/status/updatedNumberScheduled"),
        Cells.integer("Available", "The number of nodes that should be running the daemon pod and have one or more of "
            + "the daemon pod running and available (ready for at least spec.minReadySeconds)",
            "/status/numberAvailable"),
        PrinterColumn.of("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to "
            + "fit on a node.", (o, now) -> Cells.formatLabels(o.path("spec").path("template").path("spec")
            .path("nodeSelector"))),
        Cells.age(), containers(), images(), selector());
  }

  public static List<PrinterColumn> controllerRevisions() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Controller", "string", "Controller of the object", (o, now) -> {
          for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
              String group = GroupVersionKindText.group(ref.path("apiVersion").asText());
              String kind = ref.path("kind").asText().toLowerCase(Locale.ROOT);
              return (group.isEmpty() ? kind : kind + "." + group) + "/" + ref.path("name").asText();
            }
          }
          return Cells.NONE;
        }),
        PrinterColumn.of("Revision", "integer", "Revision indicates the revision of the state represented by Data.",
            (o, now) -> o.path("revision").asLong(0)),
        Cells.age());
  }
}
