package io.datasipper.cli;

import io.datasipper.server.deadletters.DeadLetterJson;
import io.datasipper.store.DeadLetters;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datasipper dead-letters}: the records outputs refused and the events transforms failed on,
 * listed, shown, sent back and discarded without the dashboard, as the local API does. Sending back
 * only marks a letter in the store: the running delivery (or the next {@code deliver}) writes it.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
    description = "List, show, send back and discard the dead letters of a data directory: the records an output"
        + " refused and the events a stream's transform failed on.",
    subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Show.class,
        DeadLettersCommand.SendBack.class, DeadLettersCommand.Discard.class})
final class DeadLettersCommand {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int PAGE = 1_000;

  /** The stream and output a command keeps to; any when not given. */
  static class Filter {
    @Option(names = "--stream", paramLabel = "NAME", description = "Only the dead letters of this stream.")
    String stream;

    @Option(names = "--output", paramLabel = "NAME", description = "Only the dead letters of this output.")
    String output;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the dead letters, oldest first: id, when it failed, state (dead; requeued: sent back,"
          + " waiting for its output; delivered: written again), stream, output, the event's seq and the error.")
  static final class ListLetters implements Callable<Integer> {
    @Mixin DataDirOption dataDir;
    @Mixin Filter filter;

    @Option(names = "--limit", paramLabel = "N", description = "List at most the first N.")
    Integer limit;

    @Option(names = "--json", description = "Print each dead letter as one line of JSON, as the local API answers it.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (limit != null && limit < 1) {
        throw UserError.usage("--limit: " + limit + " is not a number above 0");
      }
      PrintWriter out = spec.commandLine().getOut();
      int listed = 0;
      try (EventStore store = dataDir.openExisting()) {
        DeadLetters letters = letters(store);
        long after = 0;
        while (limit == null || listed < limit) {
          int want = limit == null ? PAGE : Math.min(PAGE, limit - listed);
          List<DeadLetters.Entry> page = letters.page(filter.stream, filter.output, after, want);
          for (DeadLetters.Entry entry : page) {
            out.println(json ? DeadLetterJson.of(entry).toString() : line(entry));
          }
          listed += page.size();
          if (page.size() < want) {
            break;
          }
          after = page.getLast().id();
        }
      }
      if (!json) {
        out.printf("# %d dead letter%s%n", listed, listed == 1 ? "" : "s");
      }
      out.flush();
      return Main.OK;
    }

    private static String line(DeadLetters.Entry entry) {
      DeliveryLedger.DeadLetter letter = entry.letter();
      return "%d  %s  %-9s  %s -> %s  seq %d  %s".formatted(entry.id(), TIME.format(letter.at()), entry.state().label(),
          letter.stream(), letter.output() == null ? "(transform)" : letter.output(), letter.sourceSeq(),
          oneLine(letter.error()));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one dead letter whole: its state, stream, output, event and error, and its record (the"
          + " event itself, for a transform's failure) as indented JSON.")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The dead letter's id, as list prints it.")
    long id;

    @Mixin DataDirOption dataDir;

    @Option(names = "--json", description = "Print it as one line of JSON, as the local API answers it.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      DeadLetters.Entry entry;
      try (EventStore store = dataDir.openExisting()) {
        entry = letters(store).get(id).orElseThrow(() -> UserError.failure(DeadLetters.noSuchLetter(id)));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(DeadLetterJson.of(entry));
      } else {
        DeliveryLedger.DeadLetter letter = entry.letter();
        out.printf("dead letter %d%n", entry.id());
        out.printf("  state    %s%s%n", entry.state().label(), entry.redeliveries() == 0 ? ""
            : " since %s (sent back %d time%s)".formatted(TIME.format(entry.stateAt()), entry.redeliveries(),
                entry.redeliveries() == 1 ? "" : "s"));
        out.printf("  stream   %s%n", letter.stream());
        out.printf("  output   %s%n",
            letter.output() == null ? "none: the stream failed before any output" : letter.output());
        out.printf("  event    %s (seq %d)%n", letter.eventId(), letter.sourceSeq());
        out.printf("  failed   %s%n", TIME.format(letter.at()));
        out.printf("  error    %s%n", letter.error());
        out.println(letter.output() == null ? "event:" : "record:");
        out.println(DeadLetterJson.record(letter.record()).toPrettyString());
      }
      out.flush();
      return Main.OK;
    }
  }

  /** The dead letters a command acts on: some by id, or all of a stream and output. */
  static final class Chosen extends Filter {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "The dead letters' ids, as list prints them.")
    List<Long> ids = List.of();

    @Option(names = "--all", description = "All the dead letters (of --stream and --output, when given).")
    boolean all;
  }

  @Command(name = "send-back", mixinStandardHelpOptions = true,
      description = {"Send dead letters back to the output that refused them, by id or all of them: the running"
          + " delivery (sip, attach, demo or deliver --follow with the streams) writes them again, or the next"
          + " `datasipper deliver` does. A letter of a transform's failure has no output to go back to: fix the"
          + " stream and replay it."})
  static final class SendBack implements Callable<Integer> {
    @Mixin Chosen chosen;
    @Mixin DataDirOption dataDir;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return acting(spec, chosen, dataDir, "sent back", DeadLettersCommand::sendBack,
          letters -> letters.requeue(chosen.stream, chosen.output),
          out -> out.println(whoWrites(dataDir)));
    }
  }

  @Command(name = "discard", mixinStandardHelpOptions = true,
      description = {"Delete dead letters for good, by id or all of them; a letter sent back and not written again"
          + " yet is kept, as its output may be writing it."})
  static final class Discard implements Callable<Integer> {
    @Mixin Chosen chosen;
    @Mixin DataDirOption dataDir;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return acting(spec, chosen, dataDir, "discarded", DeadLettersCommand::discard,
          letters -> letters.discard(chosen.stream, chosen.output), out -> {});
    }
  }

  /** What acting on one letter came to: empty when done, else why not. */
  private interface OneLetter {
    Optional<String> act(DeadLetters letters, long id);
  }

  /**
   * Acts on the letters chosen, by id or all of the filter, and says what came of it; a letter it
   * could not act on is named with the reason on standard error, and the command then fails.
   */
  private static int acting(CommandSpec spec, Chosen chosen, DataDirOption dataDir, String done, OneLetter one,
      Function<DeadLetters, Integer> all, Consumer<PrintWriter> afterwards) {
    if (chosen.all == !chosen.ids.isEmpty()) {
      throw UserError.usage(chosen.all ? "name the dead letters by id or pass --all, not both"
          : "name the dead letters by id, or pass --all");
    }
    if (!chosen.all && (chosen.stream != null || chosen.output != null)) {
      throw UserError.usage("--stream and --output narrow --all; with ids, name only the letters to act on");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int count = 0;
    boolean failed = false;
    try (EventStore store = dataDir.openExisting()) {
      DeadLetters letters = letters(store);
      if (chosen.all) {
        count = all.apply(letters);
        out.printf("%d dead letter%s %s%n", count, count == 1 ? "" : "s", done);
      } else {
        for (long id : chosen.ids) {
          Optional<String> refused = one.act(letters, id);
          if (refused.isPresent()) {
            err.println("datasipper: " + refused.get());
            failed = true;
          } else {
            out.printf("dead letter %d %s%n", id, done);
            count++;
          }
        }
      }
    }
    if (count > 0) {
      afterwards.accept(out);
    }
    out.flush();
    err.flush();
    return failed ? Main.FAILURE : Main.OK;
  }

  private static Optional<String> sendBack(DeadLetters letters, long id) {
    return letters.requeue(id).map(DeadLetters::notSentBack).orElse(Optional.of(DeadLetters.noSuchLetter(id)));
  }

  private static Optional<String> discard(DeadLetters letters, long id) {
    return letters.discard(id).refusal(id);
  }

  /** Who writes the letters sent back: the delivery running now, or the next one. */
  private static String whoWrites(DataDirOption dataDir) {
    Optional<String> delivering = DataDirOption.delivering(dataDir.path());
    return delivering.map(d -> "the delivery running (" + d + ") writes them again")
        .orElse("no delivery runs now: `datasipper deliver` writes them again");
  }

  private static DeadLetters letters(EventStore store) {
    return new DeliveryLedger(store).redeliveries();
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
  }
}
