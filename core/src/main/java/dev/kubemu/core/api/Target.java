package dev.kubemu.core.api;

/**
 * Which part of an object an update may change: the main resource ignores status, {@code /status} changes only
 * status, and {@link #WHOLE} is for server-side subresources (pod binding, namespace finalize) that write the object
 * exactly as they computed it.
 */
public enum Target { MAIN, STATUS, WHOLE }
