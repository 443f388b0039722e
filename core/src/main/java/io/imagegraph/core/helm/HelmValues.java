package io.imagegraph.core.helm;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.promote.MoveResult;
import io.imagegraph.core.promote.MoveStatus;
import io.imagegraph.core.promote.PromotionReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code images:} section of an OpenStack-Helm values file for a promotion: each chart
 * component pinned to the digest its graph image was promoted at
 * ({@code registry/namespace/name@sha256:…}, never a tag), with {@code pull_policy} passed through.
 */
public final class HelmValues {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private HelmValues() {
    }

    /**
     * @throws IllegalArgumentException naming each component whose image the promotion did not promote
     */
    public static Map<String, Object> of(HelmImageMap map, PromotionReport promotion) {
        if (promotion.dryRun() || !promotion.succeeded()) {
            throw new IllegalArgumentException("the promotion " + (promotion.dryRun() ? "was a dry run"
                    : "did not succeed") + ", so no image is promoted to pin");
        }
        Map<String, String> promoted = new LinkedHashMap<>();
        for (MoveResult move : promotion.moves()) {
            if (move.status() == MoveStatus.MOVED || move.status() == MoveStatus.UNCHANGED) {
                promoted.putIfAbsent(move.image(), move.to() + "@" + move.after());
            }
        }
        Map<String, String> tags = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        map.components().forEach((component, image) -> {
            String reference = promoted.get(image);
            if (reference == null) {
                missing.add(component + " (" + image + ")");
            } else {
                tags.put(component, reference);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the promotion did not promote the image of " + String.join(", ", missing)
                    + "; promote those images or remove them from the map");
        }
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("tags", tags);
        if (map.pullPolicy() != null) {
            images.put("pull_policy", map.pullPolicy());
        }
        return Map.of("images", images);
    }

    public static void write(Map<String, Object> values, Writer out) throws IOException {
        YAML.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, values);
        out.flush();
    }
}
