package io.imagegraph.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CatalogCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Catalog ONE = new Catalog(List.of(new RegistryListing("r:5000", true, "1 repository",
            List.of("acme/app"))), List.of(), List.of());

    private final CatalogCache cache = new CatalogCache(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void beforeAnyScan_thereIsNoCatalog() {
        assertThat(cache.snapshot().catalog()).isEmpty();
        assertThat(cache.snapshot().scanning()).isFalse();
    }

    @Test
    void aScan_isKeptWithItsTime() throws Exception {
        assertThat(cache.refresh(() -> ONE)).isTrue();

        assertThat(cache.snapshot().catalog()).contains(ONE);
        assertThat(cache.snapshot().scannedAt()).contains(NOW);
        assertThat(cache.snapshot().problem()).isEmpty();
    }

    @Test
    void aFailedScan_keepsTheLastCatalog_andSaysWhy() throws Exception {
        cache.refresh(() -> ONE);

        cache.refresh(() -> {
            throw new IOException("connection refused by r:5000");
        });

        assertThat(cache.snapshot().catalog()).contains(ONE);
        assertThat(cache.snapshot().problem()).contains("the last scan at 2026-12-02T12:00:00Z failed: connection"
                + " refused by r:5000");
        cache.refresh(() -> ONE);
        assertThat(cache.snapshot().problem()).isEmpty();
    }

    @Test
    void aSecondScanWhileOneRuns_returnsAtOnce_withoutScanning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            try {
                cache.refresh(() -> {
                    started.countDown();
                    release.await();
                    return ONE;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        first.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean scannedAgain = new AtomicBoolean();

        boolean ran = cache.refresh(() -> {
            scannedAgain.set(true);
            return ONE;
        });

        assertThat(ran).isFalse();
        assertThat(scannedAgain).isFalse();
        assertThat(cache.snapshot().scanning()).isTrue();
        release.countDown();
        first.join(10_000);
        assertThat(cache.snapshot().scanning()).isFalse();
        assertThat(cache.snapshot().catalog()).contains(ONE);
    }

    @Test
    void aRegistryRefusal_isAProblemToo() throws Exception {
        cache.refresh(() -> {
            throw RegistryException.of("list the repositories", "r:5000", "it answered 500");
        });

        assertThat(cache.snapshot().catalog()).isEmpty();
        assertThat(cache.snapshot().problem()).get().asString().contains("failed: ").contains("r:5000").contains("it answered 500");
    }
}
