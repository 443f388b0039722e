package io.imagegraph.core.catalog;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.upstream.UpstreamWatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registries to catalog (the graph file's, then each one asked for) and, for each, the
 * repositories image-graph knows there: the graph's images, the upstream watches, and the
 * repositories the state's records name.
 */
public final class CatalogSources {

    private CatalogSources() {
    }

    public static List<CatalogSource> of(Optional<ImageGraph> graph, List<String> registries, DigestFacts facts) {
        Set<String> hosts = new LinkedHashSet<>();
        graph.flatMap(ImageGraph::registry).ifPresent(hosts::add);
        hosts.addAll(registries);
        List<CatalogSource> sources = new ArrayList<>();
        for (String host : hosts) {
            Set<String> known = new LinkedHashSet<>();
            graph.ifPresent(g -> ImageLocation.ofGraph(g, host).forEach(location -> known.add(location.repository().value())));
            graph.ifPresent(g -> {
                for (UpstreamWatch watch : g.upstream().watches()) {
                    if (watch.repository().registry().equals(host)) {
                        known.add(watch.repository().repository().value());
                    }
                }
            });
            facts.repositories().stream().filter(location -> location.startsWith(host + "/")).sorted()
                    .forEach(location -> known.add(location.substring(host.length() + 1)));
            sources.add(new CatalogSource(host, List.copyOf(known)));
        }
        return sources;
    }

    /**
     * The same sources, each also knowing these repositories ({@code registry/repository}, such as
     * the Jenkins builds' reports name), for registries that will not list their own.
     */
    public static List<CatalogSource> adding(List<CatalogSource> sources, java.util.Collection<String> locations) {
        List<CatalogSource> added = new ArrayList<>();
        for (CatalogSource source : sources) {
            Set<String> known = new LinkedHashSet<>(source.known());
            locations.stream().filter(location -> location.startsWith(source.registry() + "/")).sorted()
                    .forEach(location -> known.add(location.substring(source.registry().length() + 1)));
            added.add(new CatalogSource(source.registry(), List.copyOf(known)));
        }
        return added;
    }
}
