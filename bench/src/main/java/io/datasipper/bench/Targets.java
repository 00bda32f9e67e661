package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The verdicts: DataSipper's figures against its targets, and its sustainable rate against the bare reader's. */
final class Targets {
  static final int ALL_FRAMES_RATE = 5_000;
  static final int LATENCY_RATE = 1_000;
  static final double MAX_P50_MS = 2;
  static final double MAX_P99_MS = 20;
  static final double MIN_SUSTAINABLE_SHARE = 0.85;
  static final String PASS = "PASS";
  static final String FAIL = "FAIL";
  static final String NOT_RUN = "NOT RUN";

  private Targets() {}

  static Report.Sustainable sustainable(List<PhaseResult> phases, String reader) {
    List<StepResult> judged = phases.stream().filter(p -> p.reader().equals(reader))
        .flatMap(p -> p.steps().stream()).filter(StepResult::judged).toList();
    int best = judged.stream().filter(StepResult::sustainable).mapToInt(StepResult::rate).max().orElse(0);
    boolean failedAbove = judged.stream().anyMatch(s -> !s.sustainable() && s.rate() > best);
    return new Report.Sustainable(best, !failedAbove);
  }

  static List<Report.Verdict> verdicts(List<PhaseResult> phases, Report.Sustainable bare, Report.Sustainable ds) {
    List<Report.Verdict> verdicts = new ArrayList<>();
    verdicts.add(allFrames(phases));
    verdicts.add(latency(phases));
    verdicts.add(share(bare, ds));
    verdicts.add(queueBound(phases));
    return verdicts;
  }

  private static Report.Verdict allFrames(List<PhaseResult> phases) {
    String target = "every frame captured at " + ALL_FRAMES_RATE + "/s";
    String required = "received = stored = sent";
    Optional<StepResult> step = measured(phases, ALL_FRAMES_RATE);
    if (step.isEmpty()) {
      return new Report.Verdict(target, required, "rate not run", NOT_RUN);
    }
    StepResult s = step.get();
    boolean pass = s.sent() == s.planned() && s.received() == s.sent() && s.store().storedFrames() == s.sent();
    return new Report.Verdict(target, required, String.format(Locale.ROOT, "sent %d, received %d, stored %d",
        s.sent(), s.received(), s.store().storedFrames()), pass ? PASS : FAIL);
  }

  private static Report.Verdict latency(List<PhaseResult> phases) {
    String target = "latency at " + LATENCY_RATE + "/s";
    String required = String.format(Locale.ROOT, "p50 <= %.0f ms, p99 <= %.0f ms", MAX_P50_MS, MAX_P99_MS);
    Optional<StepResult> step = measured(phases, LATENCY_RATE);
    if (step.isEmpty()) {
      return new Report.Verdict(target, required, "rate not run", NOT_RUN);
    }
    LatencyStats l = step.get().latency();
    boolean pass = l.count() > 0 && l.p50Ms() <= MAX_P50_MS && l.p99Ms() <= MAX_P99_MS;
    return new Report.Verdict(target, required,
        String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", l.p50Ms(), l.p99Ms()), pass ? PASS : FAIL);
  }

  private static Report.Verdict share(Report.Sustainable bare, Report.Sustainable ds) {
    String target = "sustainable rate vs the bare CDP reader";
    String required = String.format(Locale.ROOT, ">= %.0f%%", MIN_SUSTAINABLE_SHARE * 100);
    if (bare.framesPerSecond() == 0) {
      return new Report.Verdict(target, required, "the bare reader sustained no rate tried", NOT_RUN);
    }
    double share = (double) ds.framesPerSecond() / bare.framesPerSecond();
    // A bare rate that is only a lower bound makes the share an upper bound, and the other way round.
    String qualifier = bare.lowerBound() == ds.lowerBound() ? "" : bare.lowerBound() ? "<= " : ">= ";
    String measured = String.format(Locale.ROOT, "DataSipper %s vs bare %s: %s%.0f%%", ds.text(), bare.text(),
        qualifier, share * 100);
    return new Report.Verdict(target, required, measured, share >= MIN_SUSTAINABLE_SHARE ? PASS : FAIL);
  }

  private static Report.Verdict queueBound(List<PhaseResult> phases) {
    String target = "in-memory store queue within its bound";
    List<StepResult.StoreFigures> figures = phases.stream().flatMap(p -> p.steps().stream())
        .map(StepResult::store).filter(java.util.Objects::nonNull).toList();
    if (figures.isEmpty()) {
      return new Report.Verdict(target, "peak queued bytes <= bound", "DataSipper not run", NOT_RUN);
    }
    long bound = figures.get(0).maxQueuedBytes();
    long peak = figures.stream().mapToLong(StepResult.StoreFigures::writerPeakQueuedBytes).max().orElse(0);
    long dropped = figures.stream().mapToLong(StepResult.StoreFigures::droppedEvents).sum();
    return new Report.Verdict(target, "peak queued bytes <= " + Units.bytes(bound),
        "peak " + Units.bytes(peak) + ", " + dropped + " events dropped", peak <= bound ? PASS : FAIL);
  }

  /** DataSipper's judged step at this rate in the fixed-rate phases. */
  private static Optional<StepResult> measured(List<PhaseResult> phases, int rate) {
    return phases.stream()
        .filter(p -> p.reader().equals(FrameReader.Kind.DATASIPPER.label) && p.phase().equals(CaptureBench.fixedPhase(rate)))
        .flatMap(p -> p.steps().stream()).filter(s -> s.judged() && s.rate() == rate).findFirst();
  }
}
