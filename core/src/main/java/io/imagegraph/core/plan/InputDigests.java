package io.imagegraph.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.FileWorkPool;
import io.imagegraph.core.graph.ExternalBase;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageNode;
import io.imagegraph.core.graph.ImageSpec;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.upstream.UpstreamPins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes each image's input digest: the sha256 of a canonical JSON document holding its builder
 * settings, the digest of its Dockerfile, the digest of its build context (see
 * {@link BuildContext#digest()}), its resolved build args, its parents' input digests and its
 * external bases (with their digest where pinned). The image's name and tags are left out: they
 * label the result, they do not change it.
 */
public final class InputDigests {

    private static final JsonFactory JSON = new JsonFactory();
    static final String VERSION = "image-graph input digest v1";

    private InputDigests() {
    }

    /** Input digests of every image of the graph, by name, with external bases as written. */
    public static Map<String, Digest> compute(ImageGraph graph) throws IOException {
        return compute(graph, UpstreamPins.none());
    }

    /**
     * Input digests of every image of the graph, by name; an external base that a watch pinned
     * counts with its digest, so a base that moved upstream changes its children's digests.
     */
    public static Map<String, Digest> compute(ImageGraph graph, UpstreamPins pins) throws IOException {
        List<ImageNode> nodes = List.copyOf(graph.nodes().values());
        List<Digest> contextDigests;
        try {
            contextDigests = FileWorkPool.map(nodes, node -> BuildContext.of(graph.root(), node.spec()).digest(node.dockerfileDigest()));
        } catch (InvalidIgnorePatternException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read a build context under " + graph.root() + ": " + e.getMessage(), e);
        }
        Map<String, Digest> contexts = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            contexts.put(nodes.get(i).name(), contextDigests.get(i));
        }
        Map<String, Digest> digests = new HashMap<>();
        for (String name : graph.order()) {
            ImageNode node = graph.node(name);
            digests.put(name, digestOf(node, contexts.get(name), node.dockerfileDigest().orElse(null), digests, pins));
        }
        return digests;
    }

    private static Digest digestOf(ImageNode node, Digest context, Digest dockerfile, Map<String, Digest> done,
                                   UpstreamPins pins) {
        ImageSpec spec = node.spec();
        ByteArrayOutputStream document = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(document)) {
            json.writeStartObject();
            json.writeStringField("version", VERSION);
            json.writeStringField("builder", spec.builder().id());
            json.writeStringField("target", spec.target().orElse(null));
            json.writeArrayFieldStart("command");
            for (String word : spec.command()) {
                json.writeString(word);
            }
            json.writeEndArray();
            json.writeStringField("dockerfile", dockerfile == null ? null : dockerfile.toString());
            if (!spec.postBuild().isEmpty()) {
                // Only when there are any, so that images without post-build steps keep their digests.
                json.writeArrayFieldStart("postBuild");
                for (String instruction : spec.postBuild()) {
                    json.writeString(instruction);
                }
                json.writeEndArray();
            }
            if (!spec.platforms().isEmpty()) {
                // Only when it names platforms: an index for these is another image than a single manifest.
                json.writeArrayFieldStart("platforms");
                for (String platform : spec.platforms()) {
                    json.writeString(platform);
                }
                json.writeEndArray();
            }
            json.writeStringField("context", context.toString());
            json.writeObjectFieldStart("buildArgs");
            for (Map.Entry<String, String> arg : spec.buildArgs().entrySet()) {
                json.writeStringField(arg.getKey(), arg.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("parents");
            for (String parent : node.parents()) {
                json.writeStringField(parent, done.get(parent).toString());
            }
            json.writeEndObject();
            List<String> externals = new ArrayList<>();
            for (ExternalBase base : node.externalBases()) {
                externals.add(pins.resolve(base.ref()).toString());
            }
            externals.sort(null);
            json.writeArrayFieldStart("externalBases");
            for (String external : externals) {
                json.writeString(external);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return Digest.sha256(document.toByteArray());
    }
}
