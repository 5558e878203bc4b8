package dev.kubemu.core.api;

import java.time.Instant;

/**
 * What a strategy sees of the write it takes part in: the request options, the instant of the write (from the
 * emulator clock) and read access to the other objects (for allocators and cross-object checks).
 */
public record WriteContext(RequestContext request, Instant now, ResourceOperations operations) {}
