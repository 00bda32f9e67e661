package io.datasipper.server.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The capture's connection to its browser, read anew for each stats answer.
 *
 * @param attached whether the capture still reads the browser
 * @param tabs how many of the browser's tabs it is attached to
 */
public record CaptureState(BooleanSupplier attached, IntSupplier tabs) {}
