package io.datasipper.server.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.PluginFolder;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.testkit.SamplePlugins;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output types the class path offers, each with the settings a form is built from. */
class OutputTypesPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTypeOnTheClassPathIsListedWithItsSettings() throws Exception {
    try (LocalServer server = LocalServer.start(0, List.of(new OutputTypesPart(Outputs::new)))) {
      HttpResponse<String> got = new ApiClient(server).get("/api/output-types");

      assertThat(got.statusCode()).isEqualTo(200);
      JsonNode types = JSON.readTree(got.body()).get("types");
      List<String> names = new ArrayList<>();
      types.forEach(t -> names.add(t.get("type").asText()));
      assertThat(names).contains("file", "stdout", "webhook");

      JsonNode file = type(types, "file");
      assertThat(setting(file, "path").get("required").asBoolean()).isTrue();
      assertThat(setting(file, "path").get("kind").asText()).isEqualTo("string");
      assertThat(setting(file, "max_bytes").get("default").asText()).isEqualTo("100MiB");
      assertThat(setting(file, "fsync").get("default").asBoolean()).isFalse();
      assertThat(setting(file, "max_files").get("min").asLong()).isEqualTo(1);
      assertThat(setting(file, "max_files").get("max").asLong()).isEqualTo(1_000);
      assertThat(setting(file, "path").get("max").isNull()).isTrue();
      assertThat(setting(type(types, "webhook"), "mode").get("choices"))
          .extracting(JsonNode::asText).containsExactly("batch", "single");
      assertThat(type(types, "stdout").get("settings")).isEmpty();
    }
  }

  @Test
  void pluginTypesAreListedAndThePluginsLeftOutAreNamedWithTheirFolder(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("plugins");
    SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));
    Files.writeString(folder.resolve("broken.jar"), "not a zip");
    Outputs outputs = new Outputs(PluginFolder.read(folder.toString(), dir));
    try (LocalServer server = LocalServer.start(0, List.of(new OutputTypesPart(() -> outputs)))) {
      JsonNode body = JSON.readTree(new ApiClient(server).get("/api/output-types").body());

      assertThat(type(body.get("types"), SamplePlugins.ID_LIST).get("settings")).isEmpty();
      assertThat(body.at("/plugins/folder").asText()).isEqualTo(folder.toString());
      assertThat(body.at("/plugins/problems")).singleElement().extracting(JsonNode::asText).asString()
          .startsWith("the output plugin " + folder.resolve("broken.jar") + " is not a readable jar and is left out");
    }
  }

  @Test
  void aPluginInstalledWhileTheServerRunsIsListedAtTheNextRequest(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("plugins");
    Files.createDirectories(folder);
    try (LocalServer server = LocalServer.start(0,
        List.of(new OutputTypesPart(() -> new Outputs(PluginFolder.read(folder.toString(), dir)))))) {
      ApiClient api = new ApiClient(server);
      assertThat(JSON.readTree(api.get("/api/output-types").body()).get("types").findValuesAsText("type"))
          .doesNotContain(SamplePlugins.ID_LIST);

      SamplePlugins.idList().writeTo(folder.resolve("id-list.jar"));

      assertThat(JSON.readTree(api.get("/api/output-types").body()).get("types").findValuesAsText("type"))
          .contains(SamplePlugins.ID_LIST, "file");
    }
  }

  private static JsonNode type(JsonNode types, String name) {
    for (JsonNode t : types) {
      if (t.get("type").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no output type " + name + " in " + types);
  }

  private static JsonNode setting(JsonNode type, String name) {
    for (JsonNode s : type.get("settings")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no setting " + name + " in " + type);
  }
}
