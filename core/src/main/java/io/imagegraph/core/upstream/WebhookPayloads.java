package io.imagegraph.core.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the push notifications registries send, as they send them, into {@link UpstreamPush}es:
 * <ul>
 *   <li>the CNCF distribution registry's notifications ({@code {"events": [...]}}): each
 *       {@code push} of a manifest with a tag, with its digest and the registry host the pusher
 *       used ({@code request.host}); blob pushes and pulls are not pushes of a tag;</li>
 *   <li>Quay's {@code repo_push} notification ({@code docker_url}, {@code updated_tags});</li>
 *   <li>Docker Hub's webhook ({@code push_data.tag}, {@code repository.repo_name}).</li>
 * </ul>
 * The format is told by the payload itself. Anything else is rejected with the reason.
 */
public final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    public static List<UpstreamPush> parse(byte[] body) throws WebhookRejectedException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookRejectedException(400, "the payload is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new WebhookRejectedException(400, "the payload cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new WebhookRejectedException(400, "the payload is not a JSON object");
        }
        if (root.has("events")) {
            return distribution(root.get("events"));
        }
        if (root.has("docker_url") && root.has("updated_tags")) {
            return quay(root);
        }
        if (root.has("push_data") && root.path("repository").has("repo_name")) {
            return dockerHub(root);
        }
        throw new WebhookRejectedException(400, "the payload is none of the formats image-graph reads: a distribution"
                + " registry notification (\"events\"), a Quay repo_push (\"docker_url\", \"updated_tags\") or a Docker"
                + " Hub webhook (\"push_data\", \"repository.repo_name\")");
    }

    private static List<UpstreamPush> distribution(JsonNode events) throws WebhookRejectedException {
        if (!events.isArray()) {
            throw new WebhookRejectedException(400, "\"events\" is not a list");
        }
        List<UpstreamPush> pushes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            JsonNode target = event.path("target");
            if (!event.path("action").asText().equals("push") || !target.hasNonNull("tag")) {
                continue;
            }
            String host = event.path("request").path("host").asText("");
            String repository = target.path("repository").asText("");
            String digest = target.path("digest").asText("");
            if (host.isEmpty() || repository.isEmpty() || digest.isEmpty()) {
                throw new WebhookRejectedException(400, "event " + i + " is a push without request.host,"
                        + " target.repository or target.digest");
            }
            pushes.add(push(host + "/" + repository, target.get("tag").asText(), Optional.of(digest),
                    "webhook:distribution"));
        }
        return pushes;
    }

    private static List<UpstreamPush> quay(JsonNode root) throws WebhookRejectedException {
        String url = root.path("docker_url").asText("");
        JsonNode updated = root.get("updated_tags");
        List<String> tags = new ArrayList<>();
        if (updated.isArray()) {
            updated.forEach(tag -> tags.add(tag.asText()));
        } else if (updated.isObject()) {
            // The first repo_push payloads mapped each tag to a legacy image ID, not a manifest digest.
            for (Iterator<String> names = updated.fieldNames(); names.hasNext(); ) {
                tags.add(names.next());
            }
        } else {
            throw new WebhookRejectedException(400, "\"updated_tags\" is neither a list nor a mapping");
        }
        List<UpstreamPush> pushes = new ArrayList<>();
        for (String tag : tags) {
            pushes.add(push(url, tag, Optional.empty(), "webhook:quay"));
        }
        return pushes;
    }

    private static List<UpstreamPush> dockerHub(JsonNode root) throws WebhookRejectedException {
        String tag = root.path("push_data").path("tag").asText("");
        if (tag.isEmpty()) {
            throw new WebhookRejectedException(400, "the Docker Hub payload has no push_data.tag");
        }
        return List.of(push("docker.io/" + root.path("repository").path("repo_name").asText(), tag, Optional.empty(),
                "webhook:dockerhub"));
    }

    private static UpstreamPush push(String repository, String tag, Optional<String> digest, String via)
            throws WebhookRejectedException {
        try {
            ImageRef ref = ImageRef.parse(repository + ":" + tag);
            digest.ifPresent(Digest::of);
            return new UpstreamPush(UpstreamRef.of(ref), tag, digest, via);
        } catch (InvalidReferenceException e) {
            throw new WebhookRejectedException(400, "the payload names " + repository + ":" + tag + ", which is not an"
                    + " image reference: " + e.getMessage());
        }
    }
}
