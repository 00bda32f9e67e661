package io.datasipper.testkit;

/** Output plugins as third parties write them, for the tests of how DataSipper installs and runs plugins. */
public final class SamplePlugins {
  /** The output type of {@link #idList}. */
  public static final String ID_LIST = "id_list";

  /** The factory class of {@link #idList}. */
  public static final String ID_LIST_FACTORY = "acme.IdListOutputFactory";
  private static final String LIBRARY = "acme.Ledger";

  private SamplePlugins() {}

  /**
   * {@code type: id_list}: appends the event id of each record it is given, one per line, to the
   * file its {@code path} names. Its writes call a class of its own, {@code acme.Ledger}, as a plugin
   * calls the client library it ships with.
   */
  public static PluginJar idList() {
    return PluginJar.of(ID_LIST_FACTORY, """
        package acme;

        import io.datasipper.api.output.Output;
        import io.datasipper.api.output.OutputConfigException;
        import io.datasipper.api.output.OutputFactory;
        import io.datasipper.api.output.OutputRecord;
        import io.datasipper.api.output.WriteResult;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import java.nio.file.StandardOpenOption;
        import java.util.List;
        import java.util.Map;

        public final class IdListOutputFactory implements OutputFactory {
          @Override
          public String type() {
            return "%s";
          }

          @Override
          public Output create(String name, Map<String, Object> settings) throws OutputConfigException {
            Object path = settings.get("path");
            if (path == null) {
              throw new OutputConfigException("path", "missing; expected the file to list the ids in");
            }
            return new Output() {
              @Override
              public void start() {}

              @Override
              public WriteResult write(List<OutputRecord> batch) throws Exception {
                StringBuilder lines = new StringBuilder();
                for (OutputRecord r : batch) {
                  lines.append(Ledger.line(r.eventId()));
                }
                Files.writeString(Path.of(path.toString()), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return WriteResult.allDelivered(batch.size());
              }

              @Override
              public void stop() {}
            };
          }
        }
        """.formatted(ID_LIST)).with(LIBRARY, """
        package acme;

        final class Ledger {
          static String line(String id) {
            return id + "\\n";
          }
        }
        """);
  }

  /** {@link #idList} shipped without its library: each of its writes fails with a {@link NoClassDefFoundError}. */
  public static PluginJar idListWithoutItsLibrary() {
    return idList().leavingOut(LIBRARY);
  }
}
