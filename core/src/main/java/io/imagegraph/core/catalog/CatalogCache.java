package io.imagegraph.core.catalog;

import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last catalog a background scan made, for pages that answer at once and never scan on the
 * request's thread. One scan runs at a time; a scan that fails keeps the last catalog and says
 * why beside it.
 */
public final class CatalogCache {

    /** A scan of the registries. */
    @FunctionalInterface
    public interface Scan {
        Catalog scan() throws IOException, RegistryException, InterruptedException;
    }

    /**
     * What a page shows.
     *
     * @param catalog   the last catalog scanned, if a scan has finished
     * @param scannedAt when that scan finished
     * @param problem   why the last scan failed, when it did
     * @param scanning  whether a scan is running now
     */
    public record Snapshot(Optional<Catalog> catalog, Optional<Instant> scannedAt, Optional<String> problem,
                           boolean scanning) {

        static final Snapshot NEVER = new Snapshot(Optional.empty(), Optional.empty(), Optional.empty(), false);

        Snapshot scanning(boolean value) {
            return new Snapshot(catalog, scannedAt, problem, value);
        }
    }

    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.NEVER);
    private final AtomicBoolean running = new AtomicBoolean();

    public CatalogCache(Clock clock) {
        this.clock = clock;
    }

    public Snapshot snapshot() {
        return current.get();
    }

    /**
     * Scans, unless a scan is running already (then returns false at once). Run it off the
     * request's thread: a registry can take long to answer.
     */
    public boolean refresh(Scan scan) throws InterruptedException {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        current.updateAndGet(snapshot -> snapshot.scanning(true));
        try {
            Catalog catalog = scan.scan();
            current.set(new Snapshot(Optional.of(catalog), Optional.of(clock.instant()), Optional.empty(), false));
        } catch (IOException | RegistryException | RuntimeException e) {
            String why = "the last scan at " + clock.instant() + " failed: " + e.getMessage();
            current.updateAndGet(snapshot -> new Snapshot(snapshot.catalog(), snapshot.scannedAt(), Optional.of(why),
                    false));
        } catch (InterruptedException e) {
            current.updateAndGet(snapshot -> snapshot.scanning(false));
            throw e;
        } finally {
            running.set(false);
        }
        return true;
    }
}
