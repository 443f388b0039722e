package io.imagegraph.core.build;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.plan.PlannedImage;
import io.imagegraph.core.quota.KnownRepositories;
import io.imagegraph.core.quota.Quota;
import io.imagegraph.core.quota.QuotaGuard;
import io.imagegraph.core.quota.StorageUsage;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses, before a build pushes an image, a push that would take a namespace or repository of
 * the build's registry over its quota ({@link QuotaGuard}). What a push adds: its tags, the blobs
 * of its FROM parent as the registry holds them (when the image's layers start with the parent's),
 * and its own new layers, counted with their size in the local store (uncompressed: at least what
 * the push sends, for layers that compress). The pushes this run let through are laid over what the
 * registry holds while they run, so images pushed side by side cannot pass the quota together.
 */
final class PushQuotas {

    private final List<Quota> quotas;
    private final Optional<Registry> registry;
    private final List<QuotaGuard.Addition> admitted = new ArrayList<>();

    private PushQuotas(List<Quota> quotas, Optional<Registry> registry) {
        this.quotas = List.copyOf(quotas);
        this.registry = registry;
    }

    /** The quotas of the graph, kept against the registry the build pushes to (a client that can list tags). */
    static PushQuotas of(ImageGraph graph, Optional<ManifestStore> store) {
        return new PushQuotas(graph.quotas(), store.filter(Registry.class::isInstance).map(Registry.class::cast));
    }

    /** What an addition's blobs are, read with the run's storage reader. */
    @FunctionalInterface
    private interface Blobs {
        Map<Digest, Long> of(StorageUsage storage) throws RegistryException, InterruptedException;
    }

    /** Whether a quota covers {@code repository} ({@code registry/path}) and this run can read its registry. */
    boolean keeps(String repository) {
        return registry.isPresent() && quotas.stream().anyMatch(quota -> quota.covers(repository));
    }

    /**
     * Refuses the push of {@code localImage} under {@code refs} (one repository's), throwing with
     * the repository, the usage and the limit, or admits it and returns what it adds, which counts
     * until {@link #landed} (then the registry shows it). Without quotas on its registry, admits
     * and returns empty.
     */
    synchronized Optional<QuotaGuard.Addition> admit(ImageGraph graph, PlannedImage image, String localImage,
                                                     BuildTool tool, List<String> refs, Map<String, ImageResult> done,
                                                     BuildOptions options)
            throws ImageBuildException, InterruptedException {
        String repository = refs.get(0).substring(0, refs.get(0).lastIndexOf(':'));
        Set<String> tags = new TreeSet<>();
        refs.forEach(ref -> tags.add(ref.substring(ref.lastIndexOf(':') + 1)));
        return admit(graph, image.name(), repository, tags,
                storage -> blobs(graph, image.name(), localImage, tool, done, options, storage), "pushing", "the push");
    }

    /**
     * Refuses, before the run's tags are put registry side on a manifest the repository already
     * holds ({@code reused} from the registry), tags that would take a quota past its limit.
     */
    synchronized Optional<QuotaGuard.Addition> admitTags(ImageGraph graph, String image, String repository,
                                                         Set<String> tags, Digest manifest)
            throws ImageBuildException, InterruptedException {
        RepositoryName path = RepositoryName.of(repository.substring(repository.indexOf('/') + 1));
        return admit(graph, image, repository, tags, storage -> storage.blobsOf(registry.orElseThrow(), path, manifest),
                "tagging", "the run's tags");
    }

    private Optional<QuotaGuard.Addition> admit(ImageGraph graph, String image, String repository, Set<String> tags,
                                                Blobs blobs, String doing, String action)
            throws ImageBuildException, InterruptedException {
        if (!keeps(repository)) {
            return Optional.empty();
        }
        String host = repository.substring(0, repository.indexOf('/'));
        List<Quota> kept = quotas.stream().filter(quota -> quota.registry().equals(host)).toList();
        StorageUsage storage = new StorageUsage(name -> registry.get());
        try {
            QuotaGuard.Addition addition = new QuotaGuard.Addition(image, repository, tags, blobs.of(storage));
            Map<String, String> refused = new QuotaGuard(kept, storage).refusing(List.of(addition),
                    KnownRepositories.of(kept, graph, List.of(), List.of(repository)), admitted, action);
            if (refused.containsKey(image)) {
                throw new ImageBuildException("refused before " + doing + " " + repository + ": " + refused.get(image),
                        false);
            }
            admitted.add(addition);
            return Optional.of(addition);
        } catch (RegistryException e) {
            throw new ImageBuildException("cannot read what " + repository + "'s namespace holds, to keep its quota: "
                    + e.getMessage(), e.isRetryable());
        }
    }

    /** The push has ended (pushed or failed): what it added is the registry's to show now. */
    synchronized void landed(QuotaGuard.Addition addition) {
        admitted.remove(addition);
    }

    /** The FROM parent's blobs in the registry, and one entry for the image's own new layers. */
    private Map<Digest, Long> blobs(ImageGraph graph, String name, String localImage, BuildTool tool,
                                    Map<String, ImageResult> done, BuildOptions options, StorageUsage storage)
            throws InterruptedException, RegistryException {
        List<String> layers = tool.lookup() instanceof ImageLayers store ? store.diffIds(localImage).orElse(List.of())
                : List.of();
        OptionalLong size = tool.lookup() instanceof ImageSize store ? store.bytes(localImage) : OptionalLong.empty();
        Map<Digest, Long> blobs = new HashMap<>();
        int inherited = 0;
        long inheritedSize = 0;
        for (String parent : graph.node(name).parents()) {
            ImageResult result = done.get(parent);
            if (result == null || result.digest().isEmpty()) {
                continue;
            }
            String parentRepository = ImageNames.repository(graph, options.registry(), parent);
            String local = result.imageId().orElse(parentRepository + "@" + result.digest().get());
            List<String> parentLayers = tool.lookup() instanceof ImageLayers store
                    ? store.diffIds(local).orElse(List.of()) : List.of();
            OptionalLong parentSize = tool.lookup() instanceof ImageSize store ? store.bytes(local) : OptionalLong.empty();
            if (parentLayers.size() > inherited && parentSize.isPresent() && parentLayers.size() <= layers.size()
                    && layers.subList(0, parentLayers.size()).equals(parentLayers)) {
                inherited = parentLayers.size();
                inheritedSize = parentSize.getAsLong();
                blobs.clear();
                blobs.putAll(storage.blobsOf(registry.orElseThrow(), RepositoryName.of(parentRepository.substring(
                        parentRepository.indexOf('/') + 1)), Digest.of(result.digest().get())));
            }
        }
        long own = Math.max(0, size.orElse(0) - inheritedSize);
        if (inherited < layers.size() || own > 0) {
            // the new layers have no registry digest yet: one key made from their diff IDs stands for them
            blobs.put(Digest.sha256(String.join("\n", layers.subList(inherited, layers.size())) + "\n" + localImage),
                    own);
        }
        return blobs;
    }
}
