package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of a write.
 *
 * @param object  the object as stored (or as it would be, on a dry run), in the version the caller asked for
 * @param created true when a create happened (HTTP 201)
 * @param removed for deletes: true when the object is gone, false when it was only marked for deletion
 */
public record WriteResult(ObjectNode object, boolean created, boolean removed) {}
