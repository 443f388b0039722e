package io.imagegraph.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes each image's input digest: the sha256 of a canonical JSON document holding its builder
 * settings, the digest of its Dockerfile, the digest of its build context (see
 * {@link BuildContext#digest()}), its resolved build args, its parents' input digests and its
 * external bases (with their digest where pinned). The image's name and tags are left out: they
 * label the result, they do not change it.
 */
public final class InputDigests {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "image-graph input digest v1";

    private InputDigests() {
    }

    /** Input digests of every image of the graph, by name. */
    public static Map<String, Digest> compute(ImageGraph graph) throws IOException {
        Map<String, Digest> contexts = new ConcurrentHashMap<>();
        Map<String, Digest> dockerfiles = new ConcurrentHashMap<>();
        try {
            graph.nodes().values().parallelStream().forEach(node -> {
                try {
                    ImageSpec spec = node.spec();
                    contexts.put(spec.name(), BuildContext.of(graph.root(), spec).digest());
                    if (spec.dockerfile().isPresent()) {
                        Path dockerfile = graph.root().resolve(spec.dockerfile().get());
                        dockerfiles.put(spec.name(), Digest.sha256(Files.readAllBytes(dockerfile)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(node.name() + ": " + e.getMessage(), e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException("cannot read the build context of image " + e.getMessage(), e.getCause());
        }
        Map<String, Digest> digests = new HashMap<>();
        for (String name : graph.order()) {
            ImageNode node = graph.node(name);
            digests.put(name, digestOf(node, contexts.get(name), dockerfiles.get(name), digests));
        }
        return digests;
    }

    private static Digest digestOf(ImageNode node, Digest context, Digest dockerfile, Map<String, Digest> done) {
        ImageSpec spec = node.spec();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", VERSION);
        document.put("builder", spec.builder().id());
        document.put("target", spec.target().orElse(null));
        document.put("command", spec.command());
        document.put("dockerfile", dockerfile == null ? null : dockerfile.toString());
        document.put("context", context.toString());
        document.put("buildArgs", spec.buildArgs());
        Map<String, String> parents = new LinkedHashMap<>();
        node.parents().forEach(parent -> parents.put(parent, done.get(parent).toString()));
        document.put("parents", parents);
        List<String> externals = new ArrayList<>();
        for (ExternalBase base : node.externalBases()) {
            externals.add(base.ref().toString());
        }
        externals.sort(null);
        document.put("externalBases", externals);
        try {
            return Digest.sha256(JSON.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings could not be written as JSON", e);
        }
    }
}
