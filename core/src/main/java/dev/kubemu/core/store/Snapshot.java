package dev.kubemu.core.store;

import java.util.List;

/** The objects of one resource at one store revision, in key order. */
public record Snapshot(long resourceVersion, List<StoredObject> objects) {}
