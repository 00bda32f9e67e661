package io.datasipper.bench;

import java.util.List;

/**
 * One browser launch: a reader, its steps in order, and what it left behind.
 *
 * @param loadAtStart the machine's 1-minute load average when the phase started
 * @param foreignFrames frames the reader saw that were not the server's (none expected)
 * @param storeFrameRows ws_frame rows in the store after close; -1 for the bare reader
 * @param storeGapRows capture_gap rows in the store after close; -1 for the bare reader
 */
record PhaseResult(
    String reader,
    String phase,
    String loadAtStart,
    List<StepResult> steps,
    long foreignFrames,
    long storeFrameRows,
    long storeGapRows) {}
