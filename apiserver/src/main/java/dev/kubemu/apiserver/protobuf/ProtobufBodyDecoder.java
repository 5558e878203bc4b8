package dev.kubemu.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Placeholder until the protobuf decoder lands. */
public final class ProtobufBodyDecoder {
  public ObjectNode decode(byte[] body) throws ProtobufDecodeException {
    throw new ProtobufDecodeException("protobuf bodies are not decoded yet");
  }
}
