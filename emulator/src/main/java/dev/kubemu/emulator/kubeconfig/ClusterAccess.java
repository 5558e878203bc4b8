package dev.kubemu.emulator.kubeconfig;

/**
 * How a client reaches the emulator.
 *
 * @param server            e.g. {@code https://127.0.0.1:6443}
 * @param caCertificatePem  the CA to trust, or null for plain HTTP
 * @param bearerToken       the token to send, or null for none
 */
public record ClusterAccess(String server, String caCertificatePem, String bearerToken) {}
