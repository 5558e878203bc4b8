package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;

/** Claims, volumes and classes for the volume planners' tables, written compactly. */
final class Fixtures {
  private Fixtures() {}

  static ObjectNode json(String text) {
    return (ObjectNode) Json.parseTrusted(text.replace('\'', '"').getBytes());
  }

  /** A claim {@code default/<name>} (uid {@code uid-<name>}); {@code extra} is more spec fields, ending in a comma. */
  static ObjectNode claim(String name, String size, String modes, String extra) {
    return json("{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'" + name + "',"
        + "'namespace':'default','uid':'uid-" + name + "','resourceVersion':'7'},'spec':{" + extra
        + "'accessModes':[" + quoted(modes) + "],'resources':{'requests':{'storage':'" + size + "'}}},"
        + "'status':{'phase':'Pending'}}");
  }

  /** An Available volume; {@code extra} is more spec fields, ending in a comma. */
  static ObjectNode volume(String name, String size, String modes, String extra) {
    return json("{'apiVersion':'v1','kind':'PersistentVolume','metadata':{'name':'" + name + "'},'spec':{" + extra
        + "'capacity':{'storage':'" + size + "'},'accessModes':[" + quoted(modes) + "],'hostPath':{'path':'/d'},"
        + "'persistentVolumeReclaimPolicy':'Retain'},'status':{'phase':'Available'}}");
  }

  static ObjectNode storageClass(String name, String provisioner, String mode) {
    return json("{'apiVersion':'storage.k8s.io/v1','kind':'StorageClass','metadata':{'name':'" + name + "'},"
        + "'provisioner':'" + provisioner + "','reclaimPolicy':'Delete','volumeBindingMode':'" + mode + "'}");
  }

  static ObjectNode withAnnotation(ObjectNode object, String key, String value) {
    ObjectNode meta = (ObjectNode) object.get("metadata");
    (meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations")).put(key, value);
    return object;
  }

  static ObjectNode withStatusPhase(ObjectNode object, String phase) {
    ((ObjectNode) object.get("status")).put("phase", phase);
    return object;
  }

  /** A claimRef to {@code default/<claim>}, with the claim's uid unless {@code uid} is false. */
  static String claimRef(String claim, boolean uid) {
    return "'claimRef':{'kind':'PersistentVolumeClaim','namespace':'default','name':'" + claim + "'"
        + (uid ? ",'uid':'uid-" + claim + "'" : "") + "},";
  }

  static String name(JsonNode object) {
    return object == null ? null : object.path("metadata").path("name").asText();
  }

  private static String quoted(String modes) {
    var sb = new StringBuilder();
    for (String m : modes.split(",")) {
      if (!m.isEmpty()) {
        sb.append(sb.length() == 0 ? "" : ",").append('\'').append(m).append('\'');
      }
    }
    return sb.toString();
  }
}
