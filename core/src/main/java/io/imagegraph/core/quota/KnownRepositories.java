package io.imagegraph.core.quota;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.promote.ImageLocation;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repositories whose contents the quotas need: those a quota covers, and the others of a
 * repository quota's namespace (whose blobs make bytes shared), among the graph's images in each
 * quota's registry, the repositories the tag history knows, and those given (a promotion's targets).
 */
public final class KnownRepositories {

    private KnownRepositories() {
    }

    public static Set<String> of(List<Quota> quotas, ImageGraph graph, Collection<String> history,
                                 Collection<String> more) {
        Set<String> candidates = new TreeSet<>(history);
        candidates.addAll(more);
        quotas.stream().map(Quota::registry).distinct().forEach(registry -> ImageLocation.ofGraph(graph, registry)
                .forEach(location -> candidates.add(location.toString())));
        quotas.stream().filter(q -> q.scope() == Quota.Scope.REPOSITORY).forEach(q -> candidates.add(q.name()));
        Set<String> needed = new TreeSet<>();
        for (String repository : candidates) {
            if (isNeeded(quotas, repository)) {
                needed.add(repository);
            }
        }
        return needed;
    }

    /** Whether a quota covers the repository, or it shares blobs with one a quota covers (same namespace). */
    static boolean isNeeded(List<Quota> quotas, String repository) {
        for (Quota quota : quotas) {
            String namespace = quota.scope() == Quota.Scope.REPOSITORY
                    ? quota.name().substring(0, quota.name().lastIndexOf('/')) : quota.name();
            if (quota.covers(repository) || repository.startsWith(namespace + "/")) {
                return true;
            }
        }
        return false;
    }
}
