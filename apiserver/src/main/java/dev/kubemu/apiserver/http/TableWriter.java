package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.printing.PrinterColumn;
import dev.kubemu.core.printing.TableConverter.IncludeObject;
import dev.kubemu.core.store.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@code meta.k8s.io Table} straight to a JSON generator, row by row, in the bytes
 * {@code TableConverter} + {@code Json.bytes} produce (and kube-apiserver's field order), without building a tree of
 * the table or copying each row's metadata: a 500-pod page is a megabyte of JSON, most of it the rows' metadata
 * with their managed fields.
 */
final class TableWriter {
  private static final SerializerProvider SERIALIZERS = Json.MAPPER.getSerializerProviderInstance();

  private final ResourceOperations operations;
  private final RequestTarget target;
  private final String tableVersion;
  private final IncludeObject include;
  private final List<PrinterColumn> columns;
  private final Instant now;

  TableWriter(ResourceOperations operations, RequestTarget target, String tableVersion, IncludeObject include) {
    this.operations = operations;
    this.target = target;
    this.tableVersion = tableVersion;
    this.include = include;
    this.columns = target.type().printerColumns();
    this.now = operations.clock().now();
  }

  /** A generator over {@code out}, configured as the shared mapper writes; closing it leaves {@code out} open. */
  static JsonGenerator generator(OutputStream out) {
    try {
      return Json.MAPPER.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything before the first row: kind, apiVersion, list metadata, column definitions, {@code "rows":[}. */
  void begin(JsonGenerator g, long resourceVersion, String continueToken, Long remainingItemCount,
      boolean columnDefinitions) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", "Table");
    g.writeStringField("apiVersion", "meta.k8s.io/" + tableVersion);
    g.writeObjectFieldStart("metadata");
    g.writeStringField("resourceVersion", Long.toString(resourceVersion));
    if (continueToken != null) {
      g.writeStringField("continue", continueToken);
    }
    if (remainingItemCount != null) {
      g.writeNumberField("remainingItemCount", remainingItemCount.longValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("columnDefinitions");
    if (columnDefinitions) {
      for (PrinterColumn c : columns) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("type", c.type());
        g.writeStringField("format", c.format());
        g.writeStringField("description", c.description());
        g.writeNumberField("priority", c.priority());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rows");
  }

  /** One row: the cells, then the object as {@code includeObject} asks. */
  void row(JsonGenerator g, StoredObject stored) throws IOException {
    JsonNode printed = operations.storageTree(stored);
    g.writeStartObject();
    g.writeArrayFieldStart("cells");
    for (PrinterColumn c : columns) {
      writeCell(g, c.cell().cell(printed, now));
    }
    g.writeEndArray();
    switch (include) {
      case NONE -> { }
      case OBJECT -> {
        g.writeFieldName("object");
        byte[] encoded = operations.encode(target.type(), target.version(), stored);
        g.writeRawValue(new RawJson(encoded, 0, encoded.length));
      }
      case METADATA -> {
        g.writeObjectFieldStart("object");
        g.writeStringField("kind", "PartialObjectMetadata");
        g.writeStringField("apiVersion", "meta.k8s.io/" + tableVersion);
        g.writeFieldName("metadata");
        byte[] json = stored.json();
        long span = metadataSpan(json);
        if (span >= 0) {
          g.writeRawValue(new RawJson(json, (int) (span >>> 32), (int) span));
        } else {
          JsonNode metadata = printed.get("metadata");
          if (metadata == null) {
            g.writeNull();
          } else {
            metadata.serialize(g, SERIALIZERS);
          }
        }
        g.writeEndObject();
      }
    }
    g.writeEndObject();
  }

  /** Closes the rows and the table. */
  void end(JsonGenerator g) throws IOException {
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A whole Table of one object (a get, a watch event), with or without the column definitions. */
  byte[] single(StoredObject stored, long resourceVersion, boolean columnDefinitions) {
    var out = new java.io.ByteArrayOutputStream(4096);
    try (JsonGenerator g = generator(out)) {
      begin(g, resourceVersion, null, null, columnDefinitions);
      row(g, stored);
      end(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeCell(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Integer i) {
      g.writeNumber(i.intValue());
    } else if (value instanceof Long l) {
      g.writeNumber(l.longValue());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Double d) {
      g.writeNumber(d.doubleValue());
    } else if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }

  private static final byte[] METADATA_KEY = "\"metadata\":".getBytes(StandardCharsets.UTF_8);

  /**
   * Where the top-level {@code metadata} object of a stored object's JSON starts (high 32 bits) and how long it is
   * (low 32 bits), or -1 when it has none or the bytes are not the compact JSON the store writes. The stored bytes
   * are what serialising the object's tree gives, so copying them is serialising the metadata without walking its
   * tree (a pod's managed fields are most of a row). A plain byte scan: a tokenizing parser costs as much as the
   * serialisation it replaces.
   */
  static long metadataSpan(byte[] json) {
    int n = json.length;
    if (n < 2 || json[0] != '{') {
      return -1;
    }
    int i = 1;
    while (i < n && json[i] == '"') {
      // a top-level key
      if (matches(json, i, METADATA_KEY)) {
        int start = i + METADATA_KEY.length;
        if (start >= n || json[start] != '{') {
          return -1;
        }
        int end = skipValue(json, start);
        return end < 0 ? -1 : ((long) start << 32) | (end - start);
      }
      i = skipString(json, i);
      if (i < 0 || i >= n || json[i] != ':') {
        return -1;
      }
      i = skipValue(json, i + 1);
      if (i < 0 || i >= n || json[i] != ',') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static boolean matches(byte[] json, int at, byte[] token) {
    if (at + token.length > json.length) {
      return false;
    }
    for (int k = 0; k < token.length; k++) {
      if (json[at + k] != token[k]) {
        return false;
      }
    }
    return true;
  }

  /** The index just after the string starting at {@code i} (a quote), or -1. */
  private static int skipString(byte[] json, int i) {
    int n = json.length;
    for (i++; i < n; i++) {
      byte b = json[i];
      if (b == '\\') {
        i++;
      } else if (b == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  /** The index just after the compact JSON value starting at {@code i}, or -1. */
  private static int skipValue(byte[] json, int i) {
    int n = json.length;
    if (i >= n) {
      return -1;
    }
    byte first = json[i];
    if (first == '"') {
      return skipString(json, i);
    }
    if (first != '{' && first != '[') {
      // a number, true, false or null: up to the next delimiter
      while (i < n && json[i] != ',' && json[i] != '}' && json[i] != ']') {
        i++;
      }
      return i;
    }
    int depth = 0;
    for (; i < n; i++) {
      byte b = json[i];
      if (b == '"') {
        i = skipString(json, i);
        if (i < 0) {
          return -1;
        }
        i--;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** Already-encoded JSON (a stored object, or part of one) written as a value without re-encoding it. */
  private record RawJson(byte[] bytes, int offset, int length) implements SerializableString {
    @Override
    public String getValue() {
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
      if (at + length > buffer.length) {
        return -1;
      }
      System.arraycopy(bytes, offset, buffer, at, length);
      return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(bytes, offset, length);
      return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer out) {
      throw new UnsupportedOperationException();
    }
  }
}
