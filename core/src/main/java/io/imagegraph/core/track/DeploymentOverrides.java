package io.imagegraph.core.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.graph.ImageMetadata;
import io.imagegraph.core.ref.ImageRef;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment should run of a build: each pushed image by digest ({@code registry/repo@sha256:…},
 * never a tag, so what was tested is what runs), with the environment, ports and labels its graph
 * entry keeps beside it.
 */
public final class DeploymentOverrides {

    /**
     * One image's override.
     *
     * @param image     the graph image
     * @param reference the pushed image by digest
     * @param metadata  what the deployment sets for it
     */
    public record ImageOverride(String image, String reference, ImageMetadata metadata) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DeploymentOverrides() {
    }

    /**
     * @throws IllegalArgumentException naming each built or reused image the run did not push to a registry
     */
    public static List<ImageOverride> of(ImageGraph graph, BuildReport report) {
        List<ImageOverride> overrides = new ArrayList<>();
        List<String> unpushed = new ArrayList<>();
        for (ImageResult result : report.images()) {
            if (!result.status().isSuccess()) {
                continue;
            }
            Optional<ImageRef> inRegistry = result.tags().stream().map(ImageRef::parse)
                    .filter(ref -> ref.registry().isPresent()).findFirst();
            if (result.digest().isEmpty() || inRegistry.isEmpty()) {
                unpushed.add(result.name());
                continue;
            }
            ImageMetadata metadata = graph.nodes().containsKey(result.name())
                    ? graph.node(result.name()).spec().metadata() : ImageMetadata.none();
            overrides.add(new ImageOverride(result.name(), inRegistry.get().name() + "@" + result.digest().get(),
                    metadata));
        }
        if (!unpushed.isEmpty()) {
            throw new IllegalArgumentException("run " + report.runId() + " did not push " + String.join(", ", unpushed)
                    + " to a registry, so there is no digest a deployment could pin; build with --registry");
        }
        return overrides;
    }

    /** {@code images: {name: {image: …, env: …, ports: …, labels: …}}} as YAML. */
    public static void writeYaml(List<ImageOverride> overrides, Writer out) throws IOException {
        YAML.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, document(overrides));
        out.flush();
    }

    /** The same document as JSON. */
    public static void writeJson(List<ImageOverride> overrides, Writer out) throws IOException {
        JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, document(overrides));
        out.write('\n');
        out.flush();
    }

    private static Map<String, Object> document(List<ImageOverride> overrides) {
        Map<String, Object> images = new LinkedHashMap<>();
        for (ImageOverride override : overrides) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("image", override.reference());
            if (!override.metadata().env().isEmpty()) {
                entry.put("env", override.metadata().env());
            }
            if (!override.metadata().ports().isEmpty()) {
                entry.put("ports", override.metadata().ports());
            }
            if (!override.metadata().labels().isEmpty()) {
                entry.put("labels", override.metadata().labels());
            }
            images.put(override.image(), entry);
        }
        return Map.of("images", images);
    }
}
