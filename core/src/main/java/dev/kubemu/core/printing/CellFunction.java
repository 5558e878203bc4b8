package dev.kubemu.core.printing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Computes one Table cell for one object, as kube-apiserver's printers do.
 *
 * <p>Called while a Table response is built (list, get or watch event). It must not mutate {@code object}
 * and must not read a clock: {@code now} is the emulator clock's instant for the whole Table.
 * Return a {@link String}, a {@link Long}/{@link Integer} (integer columns) or a {@link Boolean}.
 */
@FunctionalInterface
public interface CellFunction {
  Object cell(JsonNode object, Instant now);
}
