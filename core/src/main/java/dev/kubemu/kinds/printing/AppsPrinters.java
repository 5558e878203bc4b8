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
    return PrinterColumn.wide("Containers", "string", "The names of the pod template's containers.",
        Cells.joinedContainerField("/spec/template/spec/containers", "name"));
  }

  private static PrinterColumn images() {
    return PrinterColumn.wide("Images", "string", "The images of the pod template's containers.",
        Cells.joinedContainerField("/spec/template/spec/containers", "image"));
  }

  private static PrinterColumn selector() {
    return PrinterColumn.wide("Selector", "string", "The label selector that picks the pods this object manages.",
        (o, now) -> Cells.formatSelector(o.path("spec").get("selector")));
  }

  private static String readyOfDesired(JsonNode o) {
    return o.path("status").path("readyReplicas").asLong(0) + "/" + o.path("spec").path("replicas").asLong(0);
  }

  public static List<PrinterColumn> deployments() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Ready", "string", "How many pods are ready, out of how many are wanted.",
            (o, now) -> readyOfDesired(o)),
        Cells.integer("Up-to-date", "How many pods run the latest pod template.", "/status/updatedReplicas"),
        Cells.integer("Available", "How many pods have been ready for at least minReadySeconds.",
            "/status/availableReplicas"),
        Cells.age(), containers(), images(), selector());
  }

  public static List<PrinterColumn> replicaSets() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.integer("Desired", "How many pods the ReplicaSet should run.", "/spec/replicas"),
        Cells.integer("Current", "How many pods the ReplicaSet last counted.", "/status/replicas"),
        Cells.integer("Ready", "How many of the ReplicaSet's pods are ready.", "/status/readyReplicas"),
        Cells.age(), containers(), images(), selector());
  }

  public static List<PrinterColumn> statefulSets() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Ready", "string", "How many pods are ready, out of how many are wanted.",
            (o, now) -> readyOfDesired(o)),
        Cells.age(), containers(), images());
  }

  public static List<PrinterColumn> daemonSets() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.integer("Desired", "How many nodes should run a daemon pod.", "/status/desiredNumberScheduled"),
        Cells.integer("Current", "How many of those nodes run a daemon pod now.", "/status/currentNumberScheduled"),
        Cells.integer("Ready", "How many of those nodes have a ready daemon pod.", "/status/numberReady"),
        Cells.integer("Up-to-date", "How many nodes run a daemon pod from the latest template.",
            "/status/updatedNumberScheduled"),
        Cells.integer("Available", "How many nodes have a daemon pod that has been ready for at least "
            + "minReadySeconds.", "/status/numberAvailable"),
        PrinterColumn.of("Node Selector", "string", "The node labels a node needs to run a daemon pod.",
            (o, now) -> Cells.formatLabels(o.path("spec").path("template").path("spec")
            .path("nodeSelector"))),
        Cells.age(), containers(), images(), selector());
  }

  public static List<PrinterColumn> controllerRevisions() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Controller", "string", "The object that owns the revision, as kind/name.", (o, now) -> {
          for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
              String group = GroupVersionKindText.group(ref.path("apiVersion").asText());
              String kind = ref.path("kind").asText().toLowerCase(Locale.ROOT);
              return (group.isEmpty() ? kind : kind + "." + group) + "/" + ref.path("name").asText();
            }
          }
          return Cells.NONE;
        }),
        PrinterColumn.of("Revision", "integer", "The revision's sequence number.",
            (o, now) -> o.path("revision").asLong(0)),
        Cells.age());
  }
}
