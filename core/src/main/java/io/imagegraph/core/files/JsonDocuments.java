package io.imagegraph.core.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes the engine's JSON documents (plans, reports) the same way: streamed, indented, newline-ended. */
public final class JsonDocuments {

    private static final JsonFactory JSON = new JsonFactory();

    /** The body of a document: fields written between the outer braces. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonDocuments() {
    }

    /** Writes one JSON object to {@code out}; the writer stays open. */
    public static void write(Writer out, Body body) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /** The document as a string. */
    public static String toString(Body body) {
        StringWriter out = new StringWriter();
        try {
            write(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }
}
