package io.imagegraph.core.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which graph image each component of an OpenStack-Helm chart runs, as a small YAML file:
 *
 * <pre>
 * pullPolicy: IfNotPresent        # images.pull_policy of the values (optional)
 * components:                     # images.tags.&lt;component&gt; → graph image
 *   keystone_api: keystone
 *   keystone_db_sync: keystone
 *   bootstrap: heat
 * </pre>
 *
 * @param pullPolicy the chart's {@code images.pull_policy}, passed through; null to leave it out
 * @param components chart component to graph image
 */
public record HelmImageMap(String pullPolicy, Map<String, String> components) {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public HelmImageMap {
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("'components' must map at least one chart component to a graph image");
        }
        components = java.util.Collections.unmodifiableMap(new TreeMap<>(components));
        if (pullPolicy != null && !java.util.Set.of("Always", "IfNotPresent", "Never").contains(pullPolicy)) {
            throw new IllegalArgumentException("pullPolicy '" + pullPolicy + "' is not one of Always, IfNotPresent, Never");
        }
    }

    /** @throws IOException with a sentence naming the file and what is wrong */
    public static HelmImageMap read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the image map " + file + " does not exist");
        }
        try {
            return YAML.readValue(text, HelmImageMap.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IOException(file + " line " + lineOf(text, e.getPropertyName()) + ": unknown key '"
                    + e.getPropertyName() + "'; expected pullPolicy and components");
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            throw new IOException(file + " line " + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + ": "
                    + (cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage()));
        }
    }

    /** The line where a top-level key is written (the parser's own location is past the value). */
    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 0;
    }
}
