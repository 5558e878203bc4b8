package dev.kubemu.core.managedfields;

/** The fields one manager owns, the API version they were set in, and whether an apply (not an update) set them. */
record VersionedSet(FieldSet set, String apiVersion, boolean applied) {}
