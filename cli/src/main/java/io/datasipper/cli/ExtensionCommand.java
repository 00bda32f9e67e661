package io.datasipper.cli;

import io.datasipper.capture.OwnTraffic;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "extension", mixinStandardHelpOptions = true,
    description = {"Write DataSipper's Chrome side panel extension into DIR, to load it unpacked in a browser of your"
        + " own (chrome://extensions, Developer mode, Load unpacked), then pair it by pasting the dashboard URL a"
        + " capture prints. sip --headed and demo --headed load it by themselves.",
        "An earlier copy in DIR is replaced; a DIR holding other files is refused."})
final class ExtensionCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "${sys:user.home}/.datasipper/extension",
      description = "Where to write it (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SidePanelExtension extension = SidePanelExtension.writeTo(dir.toAbsolutePath()).orElseThrow(() ->
        UserError.failure("this build has no side panel extension: build DataSipper with its web module"));
    spec.commandLine().getOut().println("extension written to " + extension.dir() + " (id " + OwnTraffic.EXTENSION_ID + ")");
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
