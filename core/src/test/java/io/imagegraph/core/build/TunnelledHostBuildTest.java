package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.testing.DockerDaemon;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.tunnel.EngineConnector;
import io.imagegraph.core.tunnel.EngineSocketConnector;
import io.imagegraph.core.tunnel.EngineTunnel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build host reached through an {@link EngineTunnel}, as a Jenkins agent's Engine is: the far
 * side lost mid-run (the agent's channel closed) is a lost host, and the run completes on the other.
 */
class TunnelledHostBuildTest {

    @TempDir
    Path dir;

    /** The tests' Engine through a connector that can be lost: then it refuses and cuts what it carried. */
    private static final class LosableConnector implements EngineConnector {
        private final EngineConnector engine;
        private final List<OutputStream> carried = new CopyOnWriteArrayList<>();
        private volatile boolean lost;

        LosableConnector(EngineConnector engine) {
            this.engine = engine;
        }

        @Override
        public OutputStream open(OutputStream toClient) throws IOException, InterruptedException {
            if (lost) {
                throw new IOException("the agent's channel is closed");
            }
            OutputStream toEngine = engine.open(toClient);
            carried.add(toClient);
            carried.add(toEngine);
            return toEngine;
        }

        void lose() throws IOException {
            lost = true;
            for (OutputStream stream : carried) {
                stream.close();
            }
        }
    }

    @Test
    void aTunnelLostMidRun_marksItsHostDown_andItsBuildsCompleteOnTheOtherHost() throws Exception {
        DockerDaemon docker = DockerDaemon.shared();
        LosableConnector connector = new LosableConnector(EngineSocketConnector.of(docker.environment(), "agent far"));
        GraphFixture fixture = HostsBuild.busyboxBase(dir, "tun");
        for (int i = 1; i <= 4; i++) {
            fixture.image("wait-" + i, "FROM base\nRUN sleep 5 && echo " + i + " > /n\n");
        }
        CountDownLatch buildingFar = new CountDownLatch(1);
        BuildEventSink events = event -> {
            if (event instanceof BuildEvent.Started started && started.image().startsWith("wait-")
                    && started.action().startsWith("building") && started.action().endsWith("on build host far")) {
                buildingFar.countDown();
            }
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (EngineTunnel tunnel = EngineTunnel.open("far", connector);
             LoopbackRegistry registry = LoopbackRegistry.start()) {
            List<BuildHost> hosts = List.of(new BuildHost("near", URI.create(docker.host()), 2, Optional.empty()),
                    new BuildHost("far", tunnel.url(), 2, Optional.empty()));
            Future<BuildReport> run = thread.submit(() -> HostsBuild.run(dir, fixture, hosts, registry.host(), 2, events,
                    "/usr/bin/docker"));
            assertThat(buildingFar.await(120, TimeUnit.SECONDS)).as("a wait-* image started on host far").isTrue();
            Thread.sleep(1500);
            connector.lose();
            BuildReport report = run.get(300, TimeUnit.SECONDS);

            assertThat(report.images()).allSatisfy(image -> assertThat(image.status())
                    .as(image.name() + ": " + image.reason()).isEqualTo(ImageStatus.BUILT));
            HostsReport placed = report.hosts().orElseThrow();
            assertThat(placed.down()).singleElement().satisfies(down -> {
                assertThat(down.host()).isEqualTo("far");
                assertThat(down.reason()).contains(tunnel.url().toString());
                assertThat(down.lostTasks()).isNotEmpty().allSatisfy(image ->
                        assertThat(placed.placement(image).orElseThrow().host()).isEqualTo("near"));
            });
        } finally {
            thread.shutdownNow();
        }
    }
}
