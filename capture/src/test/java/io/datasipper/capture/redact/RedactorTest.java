package io.datasipper.capture.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.Body;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final Redactor DEFAULTS = Redactor.of(RedactRules.DEFAULTS);
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw";

  @Test
  void secretQueryAndFragmentParametersAreRedactedAndTheUrlStaysValid() throws Exception {
    String url = DEFAULTS.url("https://a.test/cb?page=2&Access_Token=tok1&code=c0de&empty=&token=#id_token=idt&state=xyz");
    assertThat(url).isEqualTo("https://a.test/cb?page=2&Access_Token=%5Bredacted%5D&code=%5Bredacted%5D&empty="
        + "&token=#id_token=%5Bredacted%5D&state=xyz");
    assertThat(new URI(url).getQuery()).contains("Access_Token=[redacted]");
  }

  @Test
  void percentEncodedNamesRelativeUrlsAndUserInfoPasswordsAreRedacted() {
    assertThat(DEFAULTS.url("/path?api%5Fkey=k&x=1")).isEqualTo("/path?api%5Fkey=%5Bredacted%5D&x=1");
    assertThat(DEFAULTS.url("https://bob:hunter2@a.test/x")).isEqualTo("https://bob:%5Bredacted%5D@a.test/x");
    assertThat(DEFAULTS.url("https://a.test/plain/path")).isEqualTo("https://a.test/plain/path");
  }

  @Test
  void urlPatternsRedactTheirMatchOrTheirGroups() {
    Redactor r = Redactor.of(new RedactRules(List.of(), List.of(), List.of(), List.of(),
        List.of("/reset/([^/?#]+)"), List.of()));
    assertThat(r.url("https://a.test/reset/abc123/confirm")).isEqualTo("https://a.test/reset/%5Bredacted%5D/confirm");
    assertThat(DEFAULTS.url("https://a.test/s/" + JWT + "/x")).isEqualTo("https://a.test/s/%5Bredacted%5D/x");
  }

  @Test
  void headersAreRedactedByNameUrlHeadersByTheirParametersAndTokenSubprotocols() {
    for (String name : List.of("X-Api-Key", "x-auth-token", "X-CSRF-Token", "X-Amz-Security-Token", "Cookie")) {
      assertThat(DEFAULTS.header(name, "v4lue")).as(name).isEqualTo(Redactor.REDACTED);
    }
    assertThat(DEFAULTS.header("Location", "/cb?code=abc&s=1")).isEqualTo("/cb?code=%5Bredacted%5D&s=1");
    assertThat(DEFAULTS.header("Referer", "https://a.test/?token=t")).isEqualTo("https://a.test/?token=%5Bredacted%5D");
    assertThat(DEFAULTS.header(":path", "/x?sig=s")).isEqualTo("/x?sig=%5Bredacted%5D");
    assertThat(DEFAULTS.header("Sec-WebSocket-Protocol", "graphql-ws, base64url.bearer.authorization.k8s.io.ZXlK"))
        .isEqualTo("graphql-ws, [redacted]");
    assertThat(DEFAULTS.header("Sec-WebSocket-Protocol", "access_token, abcdef")).isEqualTo("access_token, [redacted]");
    assertThat(DEFAULTS.header("Sec-WebSocket-Protocol", "chat, superchat")).isEqualTo("chat, superchat");
    assertThat(DEFAULTS.header("X-Debug", "Bearer abcdefghijklmnop1234")).isEqualTo("Bearer [redacted]");
    assertThat(DEFAULTS.header("Content-Type", "application/json")).isEqualTo("application/json");
    assertThat(DEFAULTS.header("Link", "<https://a.test/items?page=2&access_token=t>; rel=\"next\""))
        .isEqualTo("<https://a.test/items?page=2&access_token=%5Bredacted%5D>; rel=\"next\"");
  }

  @Test
  void jsonValuesAreRedactedByKeyAtAnyDepthAndTheJsonStaysValid() throws Exception {
    String body = "{\"user\":\"ann\",\"password\":\"p\\\"w\",\"n\":{\"Refresh_Token\":\"r1\",\"pin\":1234},"
        + "\"list\":[{\"client_secret\":42,\"ok\":true}],\"token\":null}";
    String out = DEFAULTS.text(body, "application/json");
    assertThat(out).isEqualTo("{\"user\":\"ann\",\"password\":\"[redacted]\",\"n\":{\"Refresh_Token\":\"[redacted]\","
        + "\"pin\":1234},\"list\":[{\"client_secret\":\"[redacted]\",\"ok\":true}],\"token\":null}");
    new ObjectMapper().readTree(out);
  }

  @Test
  void objectsAndArraysUnderASecretKeyAreRedactedWhole() {
    assertThat(DEFAULTS.text("{\"secret\":{\"value\":\"s1\"},\"token\":[\"a\",\"b\"],\"keep\":[1]}", null))
        .isEqualTo("{\"secret\":\"[redacted]\",\"token\":\"[redacted]\",\"keep\":[1]}");
  }

  @Test
  void jsonKeysAreFoundInCutBodiesWrappedFramesAndEscapedJson() {
    assertThat(DEFAULTS.text("{\"a\":1,\"access_token\":\"abcd", null)).isEqualTo("{\"a\":1,\"access_token\":\"[redacted]\"");
    assertThat(DEFAULTS.text("42[\"auth\",{\"token\":\"t0k\"}]", null)).isEqualTo("42[\"auth\",{\"token\":\"[redacted]\"}]");
    assertThat(DEFAULTS.text("{\"body\":\"{\\\"password\\\":\\\"pw\\\",\\\"x\\\":1}\"}", null))
        .isEqualTo("{\"body\":\"{\\\"password\\\":\\\"[redacted]\\\",\\\"x\\\":1}\"}");
  }

  @Test
  void jsonPathsRedactWhatTheyNameWhateverItsType() {
    Redactor r = Redactor.of(new RedactRules(List.of(), List.of(), List.of(), List.of("$.card", "$.items[*].pin",
        "$['user'].ssn"), List.of(), List.of()));
    String out = r.text("{\"card\":{\"number\":\"4111\"},\"items\":[{\"pin\":1},{\"pin\":\"2\",\"k\":3}],"
        + "\"user\":{\"ssn\":\"078\",\"name\":\"x\"},\"pin\":9}", null);
    assertThat(out).isEqualTo("{\"card\":\"[redacted]\",\"items\":[{\"pin\":\"[redacted]\"},{\"pin\":\"[redacted]\","
        + "\"k\":3}],\"user\":{\"ssn\":\"[redacted]\",\"name\":\"x\"},\"pin\":9}");
    assertThat(r.text("{\"card\":{\"number\":\"41", null)).isEqualTo("{\"card\":\"[redacted]\"");
  }

  @Test
  void formBodiesUrlsInTextAndTextPatternsAreRedacted() {
    assertThat(DEFAULTS.text("user=ann&password=hunter2", "application/x-www-form-urlencoded; charset=UTF-8"))
        .isEqualTo("user=ann&password=%5Bredacted%5D");
    String multipart = "--b1\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nann\r\n--b1\r\n"
        + "Content-Disposition: form-data; name=\"Password\"\r\n\r\nhunter2\r\n--b1--\r\n";
    assertThat(DEFAULTS.text(multipart, "multipart/form-data; boundary=b1")).isEqualTo(multipart.replace("hunter2", "[redacted]"));
    assertThat(DEFAULTS.text("{\"next\":\"https://a.test/p?page=3&sig=abc\"}", "application/json"))
        .isEqualTo("{\"next\":\"https://a.test/p?page=3&sig=%5Bredacted%5D\"}");
    assertThat(DEFAULTS.text("<a href='/x?code=zz'>id " + JWT + " AKIAABCDEFGHIJKLMNOP</a>", "text/html"))
        .isEqualTo("<a href='/x?code=%5Bredacted%5D'>id [redacted] [redacted]</a>");
    assertThat(DEFAULTS.text("{\"k\":1,\"s\":2,\"p\":\"xxxx\"}", null)).isEqualTo("{\"k\":1,\"s\":2,\"p\":\"xxxx\"}");
  }

  @Test
  void userPatternsAreFoundWhateverTheCaseOrTheirStart() {
    Redactor r = Redactor.of(new RedactRules(List.of(), List.of(), List.of("pin code"), List.of(), List.of(),
        List.of("(?i)\\bsessionid:(\\w+)", "ab*c", "x|internal-(\\d+)")));
    assertThat(r.text("a SessionID:s1 and sessionid:s2", null)).isEqualTo("a SessionID:[redacted] and sessionid:[redacted]");
    assertThat(r.text("ac abbc", null)).isEqualTo("[redacted] [redacted]");
    assertThat(r.text("internal-42", null)).isEqualTo("internal-[redacted]");
    assertThat(r.text("{\"PIN code\":\"1234\"}", null)).isEqualTo("{\"PIN code\":\"[redacted]\"}");
  }

  @Test
  void withoutAnyRuleUserInfoPasswordsAndTokenSubprotocolsAreStillRedacted() {
    Redactor r = Redactor.of(RedactRules.NONE);
    assertThat(r.url("https://bob:pw@a.test/?token=t")).isEqualTo("https://bob:%5Bredacted%5D@a.test/?token=t");
    assertThat(r.header("Sec-WebSocket-Protocol", "bearer, abc")).isEqualTo("bearer, [redacted]");
    assertThat(r.header("Authorization", "Basic x")).isEqualTo("Basic x");
  }

  @Test
  void keepingSecretsRedactsNothing() {
    assertThat(Redactor.NONE.url("https://a.test/?token=t")).isEqualTo("https://a.test/?token=t");
    assertThat(Redactor.NONE.header("Cookie", "a=1")).isEqualTo("a=1");
    assertThat(Redactor.NONE.text("{\"password\":\"p\"}", null)).isEqualTo("{\"password\":\"p\"}");
  }

  @Test
  void binaryBodiesAreLeftAloneButAMultipartFormHasItsSecretFieldsRedactedInItsBytes() {
    Body b = Body.base64("cGFzc3dvcmQ=", 8, false);
    assertThat(DEFAULTS.body(b, "application/octet-stream")).isSameAs(b);
    byte[] form = ("--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nt0k\r\n--b\r\n"
        + "Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n\u00ff\u0000\r\n--b--\r\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Body multipart = Body.base64(java.util.Base64.getEncoder().encodeToString(form), form.length, false);
    Body redacted = DEFAULTS.body(multipart, "multipart/form-data; boundary=b");
    assertThat(new String(redacted.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(form, java.nio.charset.StandardCharsets.ISO_8859_1).replace("t0k", "[redacted]"));
    assertThat(redacted.size()).isEqualTo(form.length);
  }

  @Test
  void badPatternsAndPathsAreRefusedSayingWhy() {
    assertThatThrownBy(() -> RedactRules.checkPattern("(abc")).hasMessageStartingWith("is not a valid regular expression: ");
    assertThatThrownBy(() -> RedactRules.checkJsonPath("user.pin")).hasMessageContaining("must start with $");
    assertThatThrownBy(() -> RedactRules.checkJsonPath("$.a[x]")).hasMessageContaining("[x]");
    assertThatThrownBy(() -> RedactRules.checkJsonPath("$.a[")).hasMessageContaining("unclosed");
    RedactRules.checkJsonPath("$.a.*[0]['b-c']");
  }
}
