package io.imagegraph.core.quota;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.RegistryException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses what would take a namespace or repository over its quota, before anything is written:
 * the usage is read from the registry, the planned additions (tags, and the blobs of the images
 * they point at) are laid over it, and every addition into a quota that would grow past its limit
 * is refused with the usage, the limit and what to do.
 */
public final class QuotaGuard {

    /**
     * What one image would add to one repository.
     *
     * @param image      the graph image
     * @param repository {@code registry/path}
     * @param tags       the tags it would get there
     * @param blobs      the blobs the image names, with their sizes
     */
    public record Addition(String image, String repository, Set<String> tags, Map<Digest, Long> blobs) {
    }

    private final List<Quota> quotas;
    private final StorageUsage storage;

    public QuotaGuard(List<Quota> quotas, StorageUsage storage) {
        this.quotas = List.copyOf(quotas);
        this.storage = storage;
    }

    /** The additions refused, by image, with the reason; empty when every quota is kept. */
    public Map<String, String> refusing(List<Addition> additions, Collection<String> knownRepositories)
            throws RegistryException, InterruptedException {
        return refusing(additions, knownRepositories, List.of(), "the promotion");
    }

    /**
     * The additions refused, by image, with the reason, after {@code earlier} additions that are
     * under way (laid over the registry's contents: what of them is there already counts once).
     *
     * @param action what adds them, for the reason ({@code the push})
     */
    public Map<String, String> refusing(List<Addition> additions, Collection<String> knownRepositories,
                                        List<Addition> earlier, String action)
            throws RegistryException, InterruptedException {
        Map<String, String> refused = new LinkedHashMap<>();
        if (quotas.isEmpty() || additions.isEmpty()) {
            return refused;
        }
        Set<String> repositories = new TreeSet<>(knownRepositories);
        additions.forEach(addition -> repositories.add(addition.repository()));
        earlier.forEach(addition -> repositories.add(addition.repository()));
        Map<String, RepositoryContents> before = new LinkedHashMap<>();
        for (String repository : repositories) {
            if (KnownRepositories.isNeeded(quotas, repository)) {
                before.put(repository, storage.read(repository));
            }
        }
        lay(before, earlier);
        Map<String, RepositoryContents> after = new LinkedHashMap<>(before);
        lay(after, additions);
        List<QuotaUsage> now = StorageUsage.measure(quotas, before.values());
        List<QuotaUsage> then = StorageUsage.measure(quotas, after.values());
        for (int i = 0; i < quotas.size(); i++) {
            QuotaUsage was = now.get(i);
            QuotaUsage would = then.get(i);
            boolean grows = would.bytes() > was.bytes() || would.tags() > was.tags();
            if (!would.over() || !grows) {
                continue;
            }
            String reason = action + " would put " + quotas.get(i).scope() + " " + quotas.get(i).name() + " at "
                    + would.describe() + ", over its quota (it holds " + was.describe() + " now); delete what is no"
                    + " longer needed (imagegraph prune) or raise the quota where it is set (the graph file,"
                    + " or the Jenkins configuration or folder)";
            for (Addition addition : additions) {
                if (quotas.get(i).covers(addition.repository())) {
                    refused.putIfAbsent(addition.image(), reason);
                }
            }
        }
        return refused;
    }

    private static void lay(Map<String, RepositoryContents> contents, List<Addition> additions) {
        for (Addition addition : additions) {
            contents.computeIfPresent(addition.repository(), (name, held) -> held.plus(
                    new RepositoryContents(name, addition.tags(), addition.blobs())));
        }
    }
}
