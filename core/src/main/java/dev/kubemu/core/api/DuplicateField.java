package dev.kubemu.core.api;

/**
 * A member a request body set twice in one object, as the transport found it while parsing. kube-apiserver's
 * decoders report these in their own words: the JSON decoder by path when it decodes a create or update, the YAML
 * decoder of an apply patch by line and key.
 *
 * @param path      where, as the JSON decoder names it ({@code spec.replicas}, {@code spec.containers[0].name})
 * @param key       the member's name
 * @param line      the 1-based line where its second value starts
 * @param decodedAt the rank at which a decoder that reads each value before storing it (YAML's) meets this
 *                  duplicate: after everything inside its value, so nested duplicates come first
 */
public record DuplicateField(String path, String key, int line, int decodedAt) {}
