package dev.kubemu.kinds.printing;

import dev.kubemu.core.printing.PrinterColumn;
import java.util.List;

/** kube-apiserver's default Table for kinds without printers: Name and Created At. */
public final class DefaultPrinters {
  private DefaultPrinters() {}

  public static List<PrinterColumn> columns() {
    return List.of(PrinterColumn.nameColumn(),
        new PrinterColumn("Created At", "date", "", 0,
            "CreationTimestamp is a timestamp representing the server time when this object was created.",
            (obj, now) -> obj.path("metadata").path("creationTimestamp").asText("")));
  }
}
