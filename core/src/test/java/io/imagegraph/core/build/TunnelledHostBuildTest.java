package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.testing.Busybox;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        GraphFixture fixture = new GraphFixture(dir).graphFile("namespace: tun" + Long.toHexString(System.nanoTime()) + "\n")
                .image("base", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        Busybox.copyInto(dir.resolve("images/base/busybox"));
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
            Future<BuildReport> run = thread.submit(() -> build(fixture, hosts, registry.host(), events));
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

    private BuildReport build(GraphFixture fixture, List<BuildHost> hosts, String registryHost, BuildEventSink events)
            throws Exception {
        GraphLoadResult loaded = fixture.load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        LocalProcessRunner runner = new LocalProcessRunner();
        Set<String> plainHttp = Set.of(registryHost);
        ManifestStore registry = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(registryHost),
                plainHttp), CredentialResolver.anonymous(), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)));
        String docker = "/usr/bin/docker";
        BuildHosts connected = BuildHosts.connect(hosts, runner, docker, Map.of(),
                environment -> BuildTools.local(runner, docker, "buildah", environment, plainHttp));
        GraphBuild build = new GraphBuild(BuildTools.local(runner, docker, "buildah", Map.of()),
                new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage.jsonl")), events, Clock.systemUTC(),
                Optional.of(registry)).onHosts(connected);
        BuildOptions options = new BuildOptions("run-" + System.nanoTime(), List.of("test"), 1, false, false, 2,
                Duration.ofMillis(10), dir.resolve(".imagegraph/run"), Optional.empty(), Optional.empty(),
                Optional.of(registryHost), true);
        return build.run(plan, options);
    }
}
