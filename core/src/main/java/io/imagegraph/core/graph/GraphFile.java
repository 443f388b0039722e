package io.imagegraph.core.graph;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optional {@code imagegraph.yaml} at the root of a graph, as written: global settings and
 * per-image additions or overrides. {@link GraphFileReader} reads it; {@link GraphLoader} applies it.
 *
 * @param registry  registry host (and port) the images are pushed to, such as {@code quay.io}
 * @param namespace repository path under the registry, such as {@code acme}
 * @param tags      tags every build pushes, unless an image says otherwise
 * @param profiles  named groups of image names or regular expressions ({@code /regex/})
 * @param images    per-image entries, by image name
 * @param upstream  how upstream images are watched
 * @param retention which versions of each repository imagegraph prune keeps
 * @param starlingx  StarlingX image build files to read as images, when given
 * @param loci       how images with {@code builder: loci} build, when any do
 * @param network    the network builds get unless an image says otherwise (default: the builder's default)
 * @param mirrors    package mirrors and proxy given to every build as build args
 * @param kolla      Kolla's {@code Dockerfile.j2} templates to render as images, when given
 * @param freshness  an image whose newest build is older than this is rebuilt ({@code 24h}), with its children
 * @param hosts      build hosts by name, each {@code URL[,slots=N][,tls=DIR]} (docs/scale-out.md)
 * @param mutations  images followed and re-published with other metadata, by name ({@code imagegraph mutate})
 * @param quotas     limits on the bytes and tags of namespaces and repositories ({@code imagegraph usage})
 */
public record GraphFile(String registry, String namespace, List<String> tags,
                        Map<String, List<String>> profiles, Map<String, ImageEntry> images, UpstreamSection upstream,
                        RetentionSection retention, StarlingxSection starlingx, LociSection loci,
                        NetworkMode network, MirrorsSection mirrors,
                        io.imagegraph.core.kolla.KollaSettings kolla, String freshness, Map<String, String> hosts,
                        Map<String, io.imagegraph.core.mutate.MutationEntry> mutations,
                        List<io.imagegraph.core.quota.QuotaEntry> quotas) {

    public static final String FILE_NAME = "imagegraph.yaml";

    public GraphFile {
        tags = tags == null ? List.of() : YamlValues.list(tags, "tags");
        Map<String, List<String>> members = new TreeMap<>();
        if (profiles != null) {
            profiles.forEach((name, list) -> members.put(name,
                    list == null ? List.of() : YamlValues.list(list, "profiles." + name)));
        }
        profiles = java.util.Collections.unmodifiableMap(members);
        images = images == null ? Map.of() : copySorted(images);
        upstream = upstream == null ? new UpstreamSection(null, null, null) : upstream;
        retention = retention == null ? new RetentionSection(null, null, null) : retention;
        network = network == null ? NetworkMode.DEFAULT : network;
        mirrors = mirrors == null ? MirrorsSection.none() : mirrors;
        hosts = hosts == null ? Map.of() : copySorted(hosts);
        if (freshness != null) {
            BuildSettings.parseFreshness(freshness);
        }
        mutations = mutations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(mutations));
        quotas = quotas == null ? List.of() : YamlValues.list(quotas, "quotas");
    }

    /** A graph file with the builders' default network and no mirrors. */
    public GraphFile(String registry, String namespace, List<String> tags, Map<String, List<String>> profiles,
                     Map<String, ImageEntry> images, UpstreamSection upstream, RetentionSection retention,
                     StarlingxSection starlingx, LociSection loci) {
        this(registry, namespace, tags, profiles, images, upstream, retention, starlingx, loci, null, null, null, null, null, null, null);
    }

    /** A graph file without build hosts. */
    public GraphFile(String registry, String namespace, List<String> tags, Map<String, List<String>> profiles,
                     Map<String, ImageEntry> images, UpstreamSection upstream, RetentionSection retention,
                     StarlingxSection starlingx, LociSection loci, NetworkMode network, MirrorsSection mirrors,
                     io.imagegraph.core.kolla.KollaSettings kolla, String freshness) {
        this(registry, namespace, tags, profiles, images, upstream, retention, starlingx, loci, network, mirrors, kolla,
                freshness, null, null, null);
    }

    public static GraphFile empty() {
        return new GraphFile(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same file with more image entries; an entry this file already has for a name wins. */
    public GraphFile withImages(Map<String, ImageEntry> more) {
        Map<String, ImageEntry> merged = new TreeMap<>(more);
        merged.putAll(images);
        return new GraphFile(registry, namespace, tags, profiles, merged, upstream, retention, starlingx, loci, network,
                mirrors, kolla, freshness, hosts, mutations, quotas);
    }

    /** The same file with other LOCI settings. */
    public GraphFile withLoci(LociSection settings) {
        return new GraphFile(registry, namespace, tags, profiles, images, upstream, retention, starlingx, settings, network,
                mirrors, kolla, freshness, hosts, mutations, quotas);
    }

    private static <V> Map<String, V> copySorted(Map<String, V> map) {
        Map<String, V> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(key, value));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    /** The same graph file with these mutations instead. */
    public GraphFile withMutations(Map<String, io.imagegraph.core.mutate.MutationEntry> replaced) {
        return new GraphFile(registry, namespace, tags, profiles, images, upstream, retention, starlingx, loci, network,
                mirrors, kolla, freshness, hosts, replaced, quotas);
    }
}
