package io.imagegraph.core.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run ids: {@code yyyyMMdd-HHmmss-<pid>-<n>}, the start time first so that they sort by it, then
 * the process and a number this process counts up, so that two runs started in the same second
 * (two steps of one Jenkins, two commands) get different ids. Where the runs have a folder, an id
 * is also claimed there by creating its folder, so that processes with the same pid (one per
 * container, sharing a state folder) cannot take the same one either.
 */
public final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private RunIds() {
    }

    /** A new id for a run started at {@code now}, unique within this process. */
    public static String next(Instant now) {
        return TIME.format(now) + "-" + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + String.format(Locale.ROOT, "%03d", SEQUENCE.incrementAndGet());
    }

    /**
     * A new id whose folder under {@code runs} this call created (an id whose folder exists is
     * skipped).
     *
     * @throws IOException when the folder cannot be created, naming it
     */
    public static String claim(Path runs, Instant now) throws IOException {
        Files.createDirectories(runs);
        while (true) {
            String id = next(now);
            try {
                Files.createDirectory(runs.resolve(id));
                return id;
            } catch (FileAlreadyExistsException e) {
                // taken by another process with the same pid (another container): count on
            }
        }
    }
}
