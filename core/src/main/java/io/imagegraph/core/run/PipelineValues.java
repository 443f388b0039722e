package io.imagegraph.core.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * What the Pipeline steps return to a Jenkinsfile: plain maps, lists, strings, numbers and
 * booleans (which Pipeline can keep across a restart and a script can read without approval),
 * in the shapes the CLI's JSON documents have, so docs/cli.md describes both.
 */
public final class PipelineValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineValues() {
    }

    /**
     * A build's images by name, each with {@code status}, {@code digest} ("" when not pushed),
     * {@code imageId}, {@code tags} (every reference it was tagged with), {@code reason}.
     */
    public static LinkedHashMap<String, Object> ofBuild(BuildReport report) {
        LinkedHashMap<String, Object> images = new LinkedHashMap<>();
        for (ImageResult result : report.images()) {
            LinkedHashMap<String, Object> image = new LinkedHashMap<>();
            image.put("status", result.status().id());
            image.put("digest", result.digest().orElse(""));
            image.put("imageId", result.imageId().orElse(""));
            image.put("tags", new ArrayList<>(result.tags()));
            image.put("reason", result.reason());
            images.put(result.name(), image);
        }
        return images;
    }

    /** One of the CLI's JSON documents (a plan, a test or promotion report) as plain maps and lists. */
    public static LinkedHashMap<String, Object> ofJson(String document) {
        try {
            return JSON.readValue(document, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + e.getMessage(), e);
        }
    }
}
