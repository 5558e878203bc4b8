package dev.kubemu.kinds.printing;

import dev.kubemu.core.printing.PrinterColumn;
import java.util.List;

/** The Table of the {@code autoscaling/v1 Scale} subresource ({@code kubectl get deploy web --subresource=scale}). */
public final class ScalePrinters {
  private ScalePrinters() {}

  public static List<PrinterColumn> columns() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Desired", "integer", "How many replicas are asked for.",
            (scale, now) -> scale.path("spec").path("replicas").asLong(0)),
        PrinterColumn.of("Available", "integer", "How many replicas exist now.",
            (scale, now) -> scale.path("status").path("replicas").asLong(0)));
  }
}
