package io.imagegraph.core.gate;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one smoke test.
 *
 * @param test       the test's name
 * @param images     the images it tested: one for a container test, every image that declares a
 *                   deployment script for that script
 * @param status     passed, failed or timed out
 * @param exitCode   its exit code (-1 when it was stopped or never started)
 * @param duration   how long it ran
 * @param outputTail the last lines of its output
 * @param reason     in words
 */
public record SmokeResult(String test, List<String> images, SmokeStatus status, int exitCode, Duration duration,
                          String outputTail, String reason) {

    public SmokeResult {
        images = List.copyOf(images);
    }
}
