package io.imagegraph.core.track;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tracking results as JSON documents, for machines: tag events, holds, a rollback. */
public final class TrackingJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private TrackingJson() {
    }

    /** {@code {"events": [...]}}, oldest first. */
    public static void events(List<TagEvent> events, Writer out) throws IOException {
        write(Map.of("events", events), out);
    }

    /** {@code {"holds": [...], "blocked": [...]}}: each hold, and each digest it keeps from promotion. */
    public static void held(Map<String, HoldEvent> holds, HeldImages held, Writer out) throws IOException {
        List<Map<String, Object>> blocked = new ArrayList<>();
        for (HeldImages.Blocked one : held.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("digest", one.digest());
            row.put("image", one.image());
            row.put("repository", one.repository());
            row.put("builtOn", one.builtOn());
            row.put("heldDigest", one.hold().digest());
            row.put("reason", one.reason());
            blocked.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("holds", List.copyOf(holds.values()));
        document.put("blocked", blocked);
        write(document, out);
    }

    public static void rollback(TagRollback.Result result, Writer out) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("reference", result.reference());
        document.put("before", result.before().map(Digest::toString).orElse(null));
        document.put("after", result.after().toString());
        document.put("moved", result.moved());
        document.put("dryRun", result.dryRun());
        write(document, out);
    }

    private static void write(Object document, Writer out) throws IOException {
        JSON.writeValue(out, document);
        out.write('\n');
        out.flush();
    }
}
