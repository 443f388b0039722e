package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What SLSA Provenance v1 says of one image the engine built: who built it (image-graph, its
 * version, the CLI or a Jenkins build), from what (the graph file, the image's name, the selection
 * and the tags asked for), on what (the source repository and revision, each parent's and
 * external base's digest), under which input digest, and when.
 *
 * @param image            the image's name in the graph
 * @param repository       {@code registry/repository} it was pushed to
 * @param digest           its manifest digest: the statement's subject
 * @param builderId        {@code https://image-graph.io/builder/cli}, or the Jenkins build's URL
 * @param version          image-graph's version
 * @param graphFile        the graph file, relative to the source root, when there is one
 * @param selection        the images asked for
 * @param tags             the tags asked for
 * @param sourceRepository the source repository's URL, when known
 * @param sourceRevision   its revision, when known
 * @param parents          each internal parent and the digest the build was pinned to
 * @param externalBases    each external base as written, with its digest when pinned
 * @param inputDigest      the image's input digest
 * @param runId            the run that built it
 * @param started          when its build started
 * @param finished         when it finished
 */
public record BuildProvenance(String image, String repository, Digest digest, String builderId, String version,
                              Optional<String> graphFile, List<String> selection, List<String> tags,
                              Optional<String> sourceRepository, Optional<String> sourceRevision,
                              List<NamedDigest> parents, List<String> externalBases, String inputDigest, String runId,
                              Instant started, Instant finished) {

    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
    public static final String BUILD_TYPE = "https://image-graph.io/buildtypes/graph/v1";
    public static final String CLI_BUILDER = "https://image-graph.io/builder/cli";
    private static final ObjectMapper JSON = new ObjectMapper();

    public BuildProvenance {
        selection = List.copyOf(selection);
        tags = List.copyOf(tags);
        parents = List.copyOf(parents);
        externalBases = List.copyOf(externalBases);
    }

    /** A parent (by name in the graph) and the digest a build was pinned to. */
    public record NamedDigest(String name, String digest) {
    }

    /** The in-toto Statement v1 whose subject is the image and whose predicate is SLSA Provenance v1. */
    public byte[] statement() {
        ObjectNode predicate = JSON.createObjectNode();
        ObjectNode definition = predicate.putObject("buildDefinition");
        definition.put("buildType", BUILD_TYPE);
        ObjectNode external = definition.putObject("externalParameters");
        graphFile.ifPresent(file -> external.put("graphFile", file));
        external.put("image", image);
        selection.forEach(external.withArray("selection")::add);
        tags.forEach(external.withArray("tags")::add);
        definition.putObject("internalParameters").put("runId", runId);
        ArrayNode dependencies = definition.putArray("resolvedDependencies");
        if (sourceRepository.isPresent() || sourceRevision.isPresent()) {
            ObjectNode source = dependencies.addObject();
            source.put("uri", sourceRepository.map(url -> "git+" + url).orElse("git+unknown"));
            sourceRevision.ifPresent(revision -> source.putObject("digest").put("gitCommit", revision));
            source.put("name", "source");
        }
        for (NamedDigest parent : parents) {
            ObjectNode dependency = dependencies.addObject();
            dependency.put("name", "parent:" + parent.name());
            dependency.put("uri", "image-graph:" + parent.name());
            putDigest(dependency, parent.digest());
        }
        for (String base : externalBases) {
            ObjectNode dependency = dependencies.addObject();
            dependency.put("name", "base:" + base.replaceFirst("@.*$", ""));
            dependency.put("uri", "oci://" + base);
            int at = base.indexOf('@');
            if (at > 0) {
                putDigest(dependency, base.substring(at + 1));
            }
        }
        ObjectNode inputs = dependencies.addObject();
        inputs.put("name", "inputs");
        putDigest(inputs, inputDigest);
        ObjectNode run = predicate.putObject("runDetails");
        ObjectNode builder = run.putObject("builder");
        builder.put("id", builderId);
        builder.putObject("version").put("image-graph", version);
        ObjectNode metadata = run.putObject("metadata");
        metadata.put("invocationId", runId);
        metadata.put("startedOn", started.toString());
        metadata.put("finishedOn", finished.toString());
        return InTotoStatement.write(repository, digest, PREDICATE_TYPE, predicate);
    }

    private static void putDigest(ObjectNode dependency, String digest) {
        int colon = digest.indexOf(':');
        if (colon > 0) {
            dependency.putObject("digest").put(digest.substring(0, colon), digest.substring(colon + 1));
        }
    }
}
