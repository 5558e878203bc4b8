package dev.kubemu.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kubemu.core.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContinueTokenTest {
  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String rejection(String token) {
    ApiException e = assertThrows(ApiException.class, () -> ContinueToken.decode(token));
    assertEquals(400, e.code());
    return e.getMessage();
  }

  @Test
  void aTokenRoundTripsEvenWithCharactersJsonMustEscape() {
    var token = new ContinueToken(42, "ns/we\"ird");
    assertEquals(token, ContinueToken.decode(token.encode()));
  }

  @Test
  void eachKindOfBrokenTokenGetsKubeApiserversWording() {
    assertEquals("invalid continue token: continue key is not valid: illegal base64 data at input byte 3",
        rejection("abc*def"));
    assertEquals("invalid continue token: continue key is not valid: invalid character 'g' looking for beginning "
        + "of value", rejection(b64("garbage")));
    assertEquals("invalid continue token: continue key is not valid: server does not recognize this encoded "
        + "version meta.k8s.io/v2", rejection(b64("{\"v\":\"meta.k8s.io/v2\",\"rv\":5,\"start\":\"a\"}")));
    assertEquals("invalid continue token: continue key is not valid: incorrect encoded start resourceVersion "
        + "(version meta.k8s.io/v1)", rejection(b64("{\"v\":\"meta.k8s.io/v1\",\"start\":\"a\"}")));
    assertEquals("invalid continue token: continue key is not valid: encoded start key empty (version "
        + "meta.k8s.io/v1)", rejection(b64("{\"v\":\"meta.k8s.io/v1\",\"rv\":5}")));
  }
}
