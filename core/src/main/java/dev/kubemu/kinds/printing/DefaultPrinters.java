package dev.kubemu.kinds.printing;

import dev.kubemu.core.printing.PrinterColumn;
import java.util.List;

/** kube-apiserver's default Table for kinds without printers: Name and Created At. */
public final class DefaultPrinters {
  private DefaultPrinters() {}

  public static List<PrinterColumn> columns() {
    return List.of(PrinterColumn.nameColumn(),
        new PrinterColumn("Created At", "date", "", 0,
            "When the object was created, as an RFC 3339 timestamp.",
            (obj, now) -> obj.path("metadata").path("creationTimestamp").asText("")));
  }
}
