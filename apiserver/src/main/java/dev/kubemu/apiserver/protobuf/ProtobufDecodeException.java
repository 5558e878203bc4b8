package dev.kubemu.apiserver.protobuf;

/** A protobuf body that cannot be decoded; the message is shown to the client in a 400. */
public final class ProtobufDecodeException extends Exception {
  public ProtobufDecodeException(String message) {
    super(message);
  }
}
