package io.imagegraph.core.catalog;

import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.ReferrersApi;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.registry.RepositoryListing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the catalog of several registries: each one's repositories ({@code /v2/_catalog} where it
 * lists them, else the ones image-graph knows), each repository's tags page by page, and each
 * tag's digest (a manifest HEAD), {@code parallel} repositories at a time. The referrers tag
 * schema's {@code sha256-<hex>} tags are not listed as tags: they say that the digest is attested.
 * Where a registry answers the referrers API, it is asked instead.
 */
public final class CatalogScanner {

    private final Registries registries;
    private final int pageSize;
    private final int parallel;

    public CatalogScanner(Registries registries, int pageSize, int parallel) {
        if (pageSize < 1 || parallel < 1) {
            throw new IllegalArgumentException("the page size and the parallelism must be at least 1");
        }
        this.registries = registries;
        this.pageSize = pageSize;
        this.parallel = parallel;
    }

    /** One repository's tags, or why they could not be read. */
    private record Scanned(List<CatalogEntry> entries, Optional<String> problem) {
    }

    public Catalog scan(List<CatalogSource> sources, DigestFacts facts, CatalogFilter filter)
            throws RegistryException, InterruptedException {
        List<RegistryListing> listings = new ArrayList<>();
        List<CatalogEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "imagegraph-catalog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (CatalogSource source : sources) {
                Registry registry = registries.named(source.registry());
                RegistryListing listing = repositories(registry, source);
                listings.add(listing);
                List<Future<Scanned>> scans = new ArrayList<>();
                for (String repository : listing.repositories()) {
                    if (filter.admitsRepository(registry.name(), repository)) {
                        scans.add(pool.submit(() -> scan(registry, repository, facts)));
                    }
                }
                List<CatalogEntry> found = new ArrayList<>();
                for (Future<Scanned> scan : scans) {
                    Scanned scanned = result(scan);
                    found.addAll(scanned.entries());
                    scanned.problem().ifPresent(problems::add);
                }
                entries.addAll(withReferrersApi(registry, found, facts));
            }
        } finally {
            pool.shutdownNow();
        }
        entries.sort(Comparator.comparing(CatalogEntry::registry).thenComparing(CatalogEntry::repository)
                .thenComparing(CatalogEntry::tag));
        return new Catalog(listings, entries, problems).filtered(filter);
    }

    private RegistryListing repositories(Registry registry, CatalogSource source)
            throws RegistryException, InterruptedException {
        Optional<List<String>> listed = registry instanceof RepositoryListing listing ? listing.repositories(pageSize)
                : Optional.empty();
        if (listed.isPresent()) {
            Set<String> all = new LinkedHashSet<>(listed.get());
            int extra = (int) source.known().stream().filter(known -> !all.contains(known)).count();
            all.addAll(source.known());
            return new RegistryListing(registry.name(), true, listed.get().size() + " repositories listed by the registry"
                    + (extra > 0 ? ", " + extra + " more known to image-graph" : ""), List.copyOf(all));
        }
        return new RegistryListing(registry.name(), false, "the registry does not list its repositories to these"
                + " credentials (/v2/_catalog refused or turned off; a Quay robot cannot list): "
                + source.known().size() + " repositories from the graph, the watches and the state", source.known());
    }

    private Scanned scan(Registry registry, String repository, DigestFacts facts) throws InterruptedException {
        RepositoryName name = RepositoryName.of(repository);
        try {
            List<String> tags = registry instanceof RepositoryListing listing ? listing.tags(name, pageSize)
                    : registry.tags(name);
            Set<String> attested = new HashSet<>();
            List<String> imageTags = new ArrayList<>();
            for (String tag : tags) {
                if (tag.matches("sha256-[0-9a-f]{64}")) {
                    attested.add("sha256:" + tag.substring("sha256-".length()));
                } else {
                    imageTags.add(tag);
                }
            }
            List<CatalogEntry> entries = new ArrayList<>();
            for (String tag : imageTags) {
                Optional<ManifestDescriptor> head = registry.head(name, tag);
                if (head.isPresent()) {
                    String digest = head.get().digest().toString();
                    entries.add(facts.entry(registry.name(), repository, tag, digest, attested.contains(digest)));
                }
            }
            return new Scanned(entries, Optional.empty());
        } catch (RegistryException e) {
            return new Scanned(List.of(), Optional.of(registry.name() + "/" + repository + ": " + e.getMessage()));
        }
    }

    /** Where the registry has the referrers API, asks it for each digest not known to be attested already. */
    private static List<CatalogEntry> withReferrersApi(Registry registry, List<CatalogEntry> entries, DigestFacts facts)
            throws RegistryException, InterruptedException {
        if (!(registry instanceof ReferrersApi api) || entries.isEmpty()) {
            return entries;
        }
        CatalogEntry probe = entries.get(0);
        if (api.referrers(RepositoryName.of(probe.repository()), Digest.of(probe.digest())).isEmpty()) {
            return entries;
        }
        List<CatalogEntry> checked = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            boolean attested = entry.attested() || api.referrers(RepositoryName.of(entry.repository()),
                    Digest.of(entry.digest())).map(index -> !index.children().isEmpty()).orElse(false);
            checked.add(facts.entry(entry.registry(), entry.repository(), entry.tag(), entry.digest(), attested));
        }
        return checked;
    }

    private static Scanned result(Future<Scanned> scan) throws InterruptedException, RegistryException {
        try {
            return scan.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException("a catalog scan failed unexpectedly", e.getCause());
        }
    }
}
