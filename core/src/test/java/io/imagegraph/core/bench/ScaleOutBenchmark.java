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
        if (System.getenv("BENCH_SIMULATE_ONLY") != null) {   // the graph's ideal schedules alone, without Engines
            double work = sleeps.values().stream().mapToInt(Integer::intValue).sum();
            double critical = criticalPath(order, sleeps, parent);
            for (int slots : new int[] {SLOTS, 3 * SLOTS}) {
                double bound = Math.max(critical, work / slots);
                System.out.printf(Locale.ROOT, "%2d slots: bound %6.1f s; ideal list schedule, no per-image cost %6.1f s"
                        + " (%.3f)%n", slots, bound, simulate(order, sleeps, parent, slots, 0),
                        simulate(order, sleeps, parent, slots, 0) / bound);
            }
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
            return;
        }
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
            // what a perfect critical-path-first list scheduler makes of this graph: with no per-image cost, and with
            // each run's own mean cost beyond the sleep, so that the scheduler's share and the machine's can be told apart
            double cost1 = meanCost(one, sleeps);
            double cost3 = meanCost(three, sleeps);
            System.out.printf(Locale.ROOT, "ideal list schedule, no per-image cost: 1 host %6.1f s (%.3f of the bound),"
                            + " 3 hosts %6.1f s (%.3f)%n", simulate(order, sleeps, parent, SLOTS, 0), simulate(order, sleeps,
                            parent, SLOTS, 0) / bound1, simulate(order, sleeps, parent, 3 * SLOTS, 0),
                    simulate(order, sleeps, parent, 3 * SLOTS, 0) / bound3);
            System.out.printf(Locale.ROOT, "ideal list schedule with the measured cost: 1 host (%.2f s an image) %6.1f s,"
                            + " 3 hosts (%.2f s) %6.1f s, (with the one-host cost, as on separate machines) %6.1f s%n",
                    cost1, simulate(order, sleeps, parent, SLOTS, cost1), cost3,
                    simulate(order, sleeps, parent, 3 * SLOTS, cost3), simulate(order, sleeps, parent, 3 * SLOTS, cost1));
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
                double overhead = meanCost(report, sleeps);
                System.out.printf(Locale.ROOT, "%s: built per host %s; %d images pulled a parent, mean %.2f s, max %.2f s;"
                                + " mean per-image time beyond its sleep %.2f s%n", hosts.hosts(), perHost, pulls.size(),
                        pulls.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0,
                        pulls.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0, overhead);
            }
        } finally {
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
    }

    /** Each image's mean build time beyond its sleep in a run. */
    private static double meanCost(BuildReport report, Map<String, Integer> sleeps) {
        return report.images().stream().mapToDouble(r -> r.duration().toMillis() / 1000.0 - sleeps.get(r.name()))
                .average().orElse(0);
    }

    /**
     * The makespan of a critical-path-first list schedule on {@code slots} slots with every image costing its
     * work plus {@code cost}: whenever a slot is free, the ready image with the longest path to the end starts.
     */
    static double simulate(List<String> order, Map<String, Integer> work, Map<String, String> parent, int slots,
                           double cost) {
        Map<String, List<String>> children = new HashMap<>();
        parent.forEach((child, from) -> children.computeIfAbsent(from, key -> new ArrayList<>()).add(child));
        Map<String, Double> tail = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String name = order.get(i);
            tail.put(name, work.get(name) + cost + children.getOrDefault(name, List.of()).stream()
                    .mapToDouble(tail::get).max().orElse(0));
        }
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingDouble((String name) -> -tail.get(name)).thenComparing(name -> name));
        java.util.PriorityQueue<Map.Entry<Double, String>> running = new java.util.PriorityQueue<>(
                Map.Entry.comparingByKey());
        order.stream().filter(name -> !parent.containsKey(name)).forEach(ready::add);
        double now = 0;
        while (!ready.isEmpty() || !running.isEmpty()) {
            while (!ready.isEmpty() && running.size() < slots) {
                String next = ready.poll();
                running.add(Map.entry(now + work.get(next) + cost, next));
            }
            Map.Entry<Double, String> done = running.poll();
            now = done.getKey();
            ready.addAll(children.getOrDefault(done.getValue(), List.of()));
        }
        return now;
    }

    /**
     * A base, then 59 images each FROM a random one of the level above, on three levels: by default 12, 20 and
     * 27 images sleeping 30–60 s; {@code BENCH_GRAPH=narrow}: 5, 18 and 36 sleeping 10–20 s (the graph before
     * 2026-12-02 15:00, whose five-image first level leaves 7 of 12 slots idle in any schedule).
     */
    private static List<String> generate(GraphFixture fixture, Map<String, Integer> sleeps, Map<String, String> parent)
            throws Exception {
        boolean narrow = "narrow".equals(System.getenv("BENCH_GRAPH"));
        int[] widths = narrow ? new int[] {5, 18, 36} : new int[] {12, 20, 27};
        int shortest = narrow ? 10 : 30;
        int longest = narrow ? 20 : 60;
        Random random = new Random(16);
        List<String> order = new ArrayList<>();
        fixture.image("base", "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
        Busybox.copyInto(fixture.root().resolve("images/base/busybox"));
        sleeps.put("base", 0);
        order.add("base");
        List<String> above = List.of("base");
        for (int level = 0; level < widths.length; level++) {
            List<String> here = new ArrayList<>();
            for (int i = 0; i < widths[level]; i++) {
                String name = String.format("l%d-%02d", level + 2, i);
                String from = above.get(random.nextInt(above.size()));
                int sleep = shortest + random.nextInt(longest - shortest + 1);
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
