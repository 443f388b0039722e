package io.imagegraph.core.quota;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Measures what repositories hold in their registry (tags, and the blobs their tagged manifests
 * name) and what counts against each quota: for a repository, the bytes of blobs no other
 * repository of its namespace names; for a namespace, each distinct blob of its repositories once.
 */
public final class StorageUsage {

    private final Registries registries;
    private final Map<String, Map<Digest, Long>> manifestBlobs = new HashMap<>();

    public StorageUsage(Registries registries) {
        this.registries = registries;
    }

    /** What {@code registry/path} holds now; a repository that does not exist holds nothing. */
    public RepositoryContents read(String repository) throws RegistryException, InterruptedException {
        int slash = repository.indexOf('/');
        Registry registry = registries.named(repository.substring(0, slash));
        RepositoryName name = RepositoryName.of(repository.substring(slash + 1));
        Set<String> tags = new TreeSet<>(registry.tags(name));
        Map<Digest, Long> blobs = new HashMap<>();
        for (String tag : tags) {
            Optional<ManifestDescriptor> at = registry.head(name, tag);
            if (at.isPresent()) {
                blobs.putAll(blobsOf(registry, name, at.get().digest()));
            }
        }
        return new RepositoryContents(repository, tags, blobs);
    }

    /** The blobs one manifest (or each platform of an index) names, with their sizes. */
    public Map<Digest, Long> blobsOf(Registry registry, RepositoryName repository, Digest digest)
            throws RegistryException, InterruptedException {
        String key = registry.name() + "/" + repository.value() + "@" + digest;
        Map<Digest, Long> known = manifestBlobs.get(key);
        if (known != null) {
            return known;
        }
        Map<Digest, Long> blobs = new HashMap<>();
        Optional<Manifest> manifest = registry.manifest(repository, digest.toString());
        if (manifest.isPresent()) {
            if (manifest.get().isIndex()) {
                for (ManifestDescriptor child : manifest.get().children()) {
                    blobs.putAll(blobsOf(registry, repository, child.digest()));
                }
            } else {
                blobs.putAll(manifest.get().blobSizes());
            }
        }
        manifestBlobs.put(key, blobs);
        return blobs;
    }

    /** Each quota's usage, reading every one of these repositories ({@code registry/path}) from its registry. */
    public List<QuotaUsage> usage(List<Quota> quotas, Collection<String> repositories)
            throws RegistryException, InterruptedException {
        List<RepositoryContents> contents = new ArrayList<>();
        for (String repository : repositories) {
            contents.add(read(repository));
        }
        return measure(quotas, contents);
    }

    /**
     * Each quota's usage over these repositories' contents (those a quota covers count; the
     * others of a repository's namespace only make blobs shared).
     */
    public static List<QuotaUsage> measure(List<Quota> quotas, Collection<RepositoryContents> contents) {
        List<QuotaUsage> usage = new ArrayList<>();
        for (Quota quota : quotas) {
            List<RepositoryContents> covered = contents.stream().filter(c -> quota.covers(c.repository())).toList();
            int tags = covered.stream().mapToInt(c -> c.tags().size()).sum();
            Map<Digest, Long> blobs = new HashMap<>();
            covered.forEach(c -> blobs.putAll(c.blobs()));
            if (quota.scope() == Quota.Scope.REPOSITORY) {
                Set<Digest> shared = new HashSet<>();
                contents.stream().filter(c -> !c.repository().equals(quota.name())
                                && c.namespace().equals(quota.name().substring(0, quota.name().lastIndexOf('/'))))
                        .forEach(c -> shared.addAll(c.blobs().keySet()));
                blobs.keySet().removeAll(shared);
            }
            long bytes = blobs.values().stream().mapToLong(Long::longValue).sum();
            usage.add(new QuotaUsage(quota, bytes, tags, covered.stream().map(RepositoryContents::repository).toList()));
        }
        return usage;
    }
}
