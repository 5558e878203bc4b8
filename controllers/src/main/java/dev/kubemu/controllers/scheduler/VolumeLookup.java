package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;

/** What the VolumeBinding plugin reads of claims, volumes and classes; null for what does not exist. */
interface VolumeLookup {
  JsonNode claim(String namespace, String name);

  JsonNode volume(String name);

  JsonNode storageClass(String name);

  /** The volumes whose class is {@code className} ("" for volumes without a class). */
  Collection<JsonNode> volumesOfClass(String className);

  /** For pods without claims: they never look anything up. */
  VolumeLookup NONE = new VolumeLookup() {
    @Override
    public JsonNode claim(String namespace, String name) {
      return null;
    }

    @Override
    public JsonNode volume(String name) {
      return null;
    }

    @Override
    public JsonNode storageClass(String name) {
      return null;
    }

    @Override
    public Collection<JsonNode> volumesOfClass(String className) {
      return java.util.List.of();
    }
  };
}
