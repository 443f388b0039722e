package io.imagegraph.core.upstream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import java.io.IOException;

/**
 * What a webhook request recorded, as JSON: {@code {"recorded": [{watch, status, tag, digest}],
 * "ignored": ["repository:tag"]}} — the answer of the webhook endpoint and of
 * {@code imagegraph webhook --payload -o json}.
 */
public final class WebhookOutcomeJson {

    private WebhookOutcomeJson() {
    }

    public static String toJson(WebhookReceiver.Outcome outcome) {
        return JsonDocuments.toString(json -> body(json, outcome));
    }

    private static void body(JsonGenerator json, WebhookReceiver.Outcome outcome) throws IOException {
        json.writeArrayFieldStart("recorded");
        for (UpstreamCheck check : outcome.checks()) {
            json.writeStartObject();
            json.writeStringField("watch", check.watch());
            json.writeStringField("status", check.status().id());
            json.writeStringField("tag", check.tag());
            json.writeStringField("digest", check.digest());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("ignored");
        for (String push : outcome.ignored()) {
            json.writeString(push);
        }
        json.writeEndArray();
    }
}
