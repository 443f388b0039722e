package io.imagegraph.core.bench;

import io.imagegraph.core.build.BuildHost;
import io.imagegraph.core.build.BuildHosts;
import io.imagegraph.core.build.BuildOptions;
import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.BuildTools;
import io.imagegraph.core.build.GraphBuild;
import io.imagegraph.core.build.HostsReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.build.ImageStatus;
import io.imagegraph.core.graph.GraphLoadResult;
import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.plan.Plan;
import io.imagegraph.core.plan.Planner;
import io.imagegraph.core.plan.Selection;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.testing.Busybox;
import io.imagegraph.core.testing.GraphFixture;
import io.imagegraph.core.testing.NetnsEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark (bench/scale-out.sh): a generated 60-image graph whose builds are {@code RUN sleep}s of
 * 10–20 s, built on one test host (4 slots) and then on three (4 slots each), on the three Docker
 * Engines of {@link NetnsEngines}, through the registry. Prints the makespans, their ratio, each
 * against max(critical path, work / slots) of the sleeps, and the parent pulls.
 */
public final class ScaleOutBenchmark {

    private static final int IMAGES = 60;
    private static final int SLOTS = 4;

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("imagegraph-scaleout-bench-");
        Map<String, Integer> sleeps = new HashMap<>();
        Map<String, String> parent = new HashMap<>();
        List<String> order = generate(new GraphFixture(dir), sleeps, parent);
        String storage = System.getenv().getOrDefault("BENCH_STORAGE", "overlay2");
        try (NetnsEngines engines = NetnsEngines.start(storage)) {
            BuildReport one = build(engines, dir, List.of(engines.host("a", SLOTS)), "one");
            BuildReport three = build(engines, dir, List.of(engines.host("a", SLOTS), engines.host("b", SLOTS),
                    engines.host("c", SLOTS)), "three");
            double work = sleeps.values().stream().mapToInt(Integer::intValue).sum();
            double critical = criticalPath(order, sleeps, parent);
            double m1 = seconds(one);
            double m3 = seconds(three);
            double bound1 = Math.max(critical, work / SLOTS);
            double bound3 = Math.max(critical, work / (3.0 * SLOTS));
            System.out.printf(Locale.ROOT, "images %d, work %.0f s of sleep, critical path %.0f s%n", IMAGES, work, critical);
            System.out.printf(Locale.ROOT, "1 host  (%2d slots): makespan %6.1f s, lower bound %6.1f s, ratio %.3f%n",
                    SLOTS, m1, bound1, m1 / bound1);
            System.out.printf(Locale.ROOT, "3 hosts (%2d slots): makespan %6.1f s, lower bound %6.1f s, ratio %.3f%n",
                    3 * SLOTS, m3, bound3, m3 / bound3);
            System.out.printf(Locale.ROOT, "speed-up 3 hosts / 1 host: %.2fx (storage driver %s)%n", m1 / m3, storage);
            // the same bound with each image's work as its build took on one host alone (sleep + its fixed cost)
            Map<String, Double> measured = new HashMap<>();
            one.images().forEach(r -> measured.put(r.name(), r.duration().toMillis() / 1000.0));
            double measuredWork = measured.values().stream().mapToDouble(Double::doubleValue).sum();
            double measuredCritical = criticalPath(order, measured, parent);
            double measuredBound3 = Math.max(measuredCritical, measuredWork / (3.0 * SLOTS));
            System.out.printf(Locale.ROOT, "with each image's one-host build time as its work (%.0f s, critical path %.0f s):"
                    + " 3-host bound %6.1f s, ratio %.3f%n", measuredWork, measuredCritical, measuredBound3, m3 / measuredBound3);
            for (BuildReport report : List.of(one, three)) {
                HostsReport hosts = report.hosts().orElseThrow();
                List<Long> pulls = new ArrayList<>();
                Map<String, Integer> perHost = new java.util.TreeMap<>();
                hosts.placements().values().forEach(p -> {
                    perHost.merge(p.host(), 1, Integer::sum);
                    if (!p.pulledParents().isEmpty()) {
                        pulls.add(p.parentPull().toMillis());
                    }
                });
                double overhead = report.images().stream().mapToDouble(r -> r.duration().toMillis() / 1000.0
                        - sleeps.get(r.name())).average().orElse(0);
                System.out.printf(Locale.ROOT, "%s: built per host %s; %d images pulled a parent, mean %.2f s, max %.2f s;"
                                + " mean per-image time beyond its sleep %.2f s%n", hosts.hosts(), perHost, pulls.size(),
                        pulls.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0,
                        pulls.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0, overhead);
            }
        } finally {
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
    }

    /** A base, then 59 images each FROM a random earlier one of the level above (4 levels), sleeping 10–20 s. */
    private static List<String> generate(GraphFixture fixture, Map<String, Integer> sleeps, Map<String, String> parent)
            throws Exception {
        Random random = new Random(16);
        List<String> order = new ArrayList<>();
        fixture.image("base", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        Busybox.copyInto(fixture.root().resolve("images/base/busybox"));
        sleeps.put("base", 0);
        order.add("base");
        int[] widths = {5, 18, 36};
        List<String> above = List.of("base");
        for (int level = 0; level < widths.length; level++) {
            List<String> here = new ArrayList<>();
            for (int i = 0; i < widths[level]; i++) {
                String name = String.format("l%d-%02d", level + 2, i);
                String from = above.get(random.nextInt(above.size()));
                int sleep = 10 + random.nextInt(11);
                fixture.image(name, "FROM " + from + "\nRUN sleep " + sleep + " && echo " + name + " > /" + name + "\n");
                sleeps.put(name, sleep);
                parent.put(name, from);
                here.add(name);
                order.add(name);
            }
            above = here;
        }
        return order;
    }

    private static double criticalPath(List<String> order, Map<String, ? extends Number> work, Map<String, String> parent) {
        Map<String, Double> finish = new HashMap<>();
        for (String name : order) {
            finish.put(name, work.get(name).doubleValue() + (parent.containsKey(name) ? finish.get(parent.get(name)) : 0.0));
        }
        return finish.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static BuildReport build(NetnsEngines engines, Path dir, List<BuildHost> hosts, String run) throws Exception {
        new GraphFixture(dir).graphFile("namespace: bench-" + run + Long.toHexString(System.nanoTime()) + "\n");
        GraphLoadResult loaded = new GraphFixture(dir).load();
        Plan plan = Planner.plan(loaded.graph().orElseThrow(), loaded.warnings(), Selection.all(), Optional.empty());
        LocalProcessRunner runner = new LocalProcessRunner();
        Set<String> plainHttp = Set.of(engines.registry());
        BuildHosts connected = BuildHosts.connect(hosts, runner, "docker", Map.of(),
                environment -> BuildTools.local(runner, "docker", "buildah", environment, plainHttp));
        GraphBuild build = new GraphBuild(BuildTools.local(runner, "docker", "buildah", Map.of()),
                new JsonLinesLineageStore(dir.resolve(".imagegraph/lineage-" + run + ".jsonl")), event -> { },
                Clock.systemUTC(), Optional.of(DistributionRegistry.of(RegistryEndpoint.of(
                        RegistryHost.parse(engines.registry()), plainHttp), CredentialResolver.anonymous(),
                        new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1))))).onHosts(connected);
        BuildReport report = build.run(plan, new BuildOptions("bench-" + run, List.of("bench"), 1, false, true, 0,
                Duration.ofSeconds(1), dir.resolve(".imagegraph/" + run), Optional.empty(), Optional.empty(),
                Optional.of(engines.registry()), true));
        for (ImageResult image : report.images()) {
            if (image.status() != ImageStatus.BUILT) {
                throw new IllegalStateException(image.name() + " was not built: " + image.reason());
            }
        }
        return report;
    }

    private static double seconds(BuildReport report) {
        return Duration.between(report.started(), report.finished()).toMillis() / 1000.0;
    }
}
