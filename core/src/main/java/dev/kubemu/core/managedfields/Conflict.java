package dev.kubemu.core.managedfields;

import java.util.List;

/** A field an apply would change that another manager owns. */
record Conflict(String manager, List<PathElement> path) {}
