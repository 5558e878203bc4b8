package dev.kubemu.core.api;

/** Which part of an object an update may change: the main resource ignores status, {@code /status} only status. */
public enum Target { MAIN, STATUS }
