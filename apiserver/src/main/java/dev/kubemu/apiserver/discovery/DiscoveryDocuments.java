package dev.kubemu.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.registry.Subresource;
import java.util.List;

/**
 * The discovery documents generated from the registry: aggregated discovery ({@code apidiscovery.k8s.io} v2 and
 * v2beta1, which differ only in apiVersion) and the legacy APIVersions / APIGroupList / APIGroup / APIResourceList
 * forms. The registry is immutable, so documents are built once per format and reused.
 */
public final class DiscoveryDocuments {
  private final ResourceRegistry registry;
  private final byte[] legacyApis;
  private final byte[] aggregatedCoreV2;
  private final byte[] aggregatedCoreV2beta1;
  private final byte[] aggregatedGroupsV2;
  private final byte[] aggregatedGroupsV2beta1;

  public DiscoveryDocuments(ResourceRegistry registry) {
    this.registry = registry;
    this.legacyApis = Json.bytes(groupList());
    this.aggregatedCoreV2 = Json.bytes(aggregated("v2", List.of("")));
    this.aggregatedCoreV2beta1 = Json.bytes(aggregated("v2beta1", List.of("")));
    List<String> named = registry.groups().stream().filter(g -> !g.isEmpty()).toList();
    this.aggregatedGroupsV2 = Json.bytes(aggregated("v2", named));
    this.aggregatedGroupsV2beta1 = Json.bytes(aggregated("v2beta1", named));
  }

  /** {@code GET /api} in aggregated form. */
  public byte[] aggregatedCore(String discoveryVersion) {
    return discoveryVersion.equals("v2") ? aggregatedCoreV2 : aggregatedCoreV2beta1;
  }

  /** {@code GET /apis} in aggregated form. */
  public byte[] aggregatedGroups(String discoveryVersion) {
    return discoveryVersion.equals("v2") ? aggregatedGroupsV2 : aggregatedGroupsV2beta1;
  }

  /** {@code GET /api} legacy: APIVersions. */
  public ObjectNode apiVersions(String serverAddress) {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return doc;
  }

  /** {@code GET /apis} legacy: APIGroupList. */
  public byte[] groupListBytes() {
    return legacyApis;
  }

  /** {@code GET /apis/<group>}: APIGroup, or null for an unknown group. */
  public ObjectNode group(String group) {
    if (group.isEmpty() || !registry.groups().contains(group)) {
      return null;
    }
    ObjectNode doc = groupEntry(group);
    doc.put("kind", "APIGroup");
    doc.put("apiVersion", "v1");
    return doc;
  }

  /** {@code GET /api/v1} or {@code /apis/<group>/<version>}: APIResourceList, or null when not served. */
  public ObjectNode resourceList(String group, String version) {
    List<ResourceType> types = registry.typesIn(group, version);
    if (types.isEmpty()) {
      return null;
    }
    ObjectNode doc = Json.object();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = doc.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      verbs(r.putArray("verbs"), t.verbs());
      if (!t.shortNames().isEmpty()) {
        verbs(r.putArray("shortNames"), t.shortNames());
      }
      if (!t.categories().isEmpty()) {
        verbs(r.putArray("categories"), t.categories());
      }
      for (Subresource s : t.subresources()) {
        ObjectNode sr = resources.addObject();
        sr.put("name", t.plural() + "/" + s.name());
        sr.put("singularName", "");
        sr.put("namespaced", t.namespaced());
        GroupVersionKind kind = s.responseKind();
        if (kind != null && !(kind.group().equals(group) && kind.version().equals(version))) {
          sr.put("group", kind.group());
          sr.put("version", kind.version());
        }
        sr.put("kind", kind != null ? kind.kind() : t.kind());
        verbs(sr.putArray("verbs"), s.verbs());
      }
    }
    return doc;
  }

  private ObjectNode groupList() {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (String g : registry.groups()) {
      if (!g.isEmpty()) {
        groups.add(groupEntry(g));
      }
    }
    return doc;
  }

  private ObjectNode groupEntry(String group) {
    ObjectNode entry = Json.object();
    entry.put("name", group);
    ArrayNode versions = entry.putArray("versions");
    for (String v : registry.versionsOf(group)) {
      ObjectNode gv = versions.addObject();
      gv.put("groupVersion", group + "/" + v);
      gv.put("version", v);
    }
    ObjectNode preferred = entry.putObject("preferredVersion");
    String v = registry.versionsOf(group).get(0);
    preferred.put("groupVersion", group + "/" + v);
    preferred.put("version", v);
    return entry;
  }

  private ObjectNode aggregated(String discoveryVersion, List<String> groups) {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIGroupDiscoveryList");
    doc.put("apiVersion", "apidiscovery.k8s.io/" + discoveryVersion);
    doc.putObject("metadata");
    ArrayNode items = doc.putArray("items");
    for (String group : groups) {
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      meta.put("name", group);
      meta.putNull("creationTimestamp");
      ArrayNode versions = item.putArray("versions");
      for (String version : registry.versionsOf(group)) {
        ObjectNode v = versions.addObject();
        v.put("version", version);
        ArrayNode resources = v.putArray("resources");
        for (ResourceType t : registry.typesIn(group, version)) {
          resources.add(aggregatedResource(t, version));
        }
        v.put("freshness", "Current");
      }
    }
    return doc;
  }

  private static ObjectNode aggregatedResource(ResourceType t, String version) {
    ObjectNode r = Json.object();
    r.put("resource", t.plural());
    r.set("responseKind", kind(t.gvk(version)));
    r.put("scope", t.scope().discoveryName());
    r.put("singularResource", t.singular());
    verbs(r.putArray("verbs"), t.verbs());
    if (!t.shortNames().isEmpty()) {
      verbs(r.putArray("shortNames"), t.shortNames());
    }
    if (!t.categories().isEmpty()) {
      verbs(r.putArray("categories"), t.categories());
    }
    if (!t.subresources().isEmpty()) {
      ArrayNode subs = r.putArray("subresources");
      for (Subresource s : t.subresources()) {
        ObjectNode sr = subs.addObject();
        sr.put("subresource", s.name());
        sr.set("responseKind", kind(s.responseKind() != null ? s.responseKind() : t.gvk(version)));
        verbs(sr.putArray("verbs"), s.verbs());
      }
    }
    return r;
  }

  private static ObjectNode kind(GroupVersionKind gvk) {
    ObjectNode k = Json.object();
    k.put("group", gvk.group());
    k.put("version", gvk.version());
    k.put("kind", gvk.kind());
    return k;
  }

  private static void verbs(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
