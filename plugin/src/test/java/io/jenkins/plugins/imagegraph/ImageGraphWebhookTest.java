package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The webhook endpoint: what it refuses, over HTTP as a registry would post. */
@WithJenkins
class ImageGraphWebhookTest {

    /** A CNCF registry's push notification, from image-graph-core's test resources. */
    private static byte[] push() throws Exception {
        try (var in = ImageGraphWebhookTest.class.getResourceAsStream("/webhooks/distribution-push.json")) {
            return in.readAllBytes();
        }
    }

    private static HttpResponse<String> post(JenkinsRule jenkins, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jenkins.getURL() + "image-graph-webhook/"))
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(push()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongSecret_isRefused(JenkinsRule jenkins) throws Exception {
        ImageGraphConfiguration.get().setWebhookSecret(Secret.fromString("the-right-secret-0123456789"));
        HttpResponse<String> response = post(jenkins, "Bearer not-the-secret-0123456789");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("the shared secret is wrong");
    }

    @Test
    void noSecretConfigured_refusesEveryRequest(JenkinsRule jenkins) throws Exception {
        HttpResponse<String> response = post(jenkins, "Bearer anything-at-all-0123456789");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("no webhook secret is configured");
    }

    @Test
    void rightSecret_withNoJobWatching_startsNothing(JenkinsRule jenkins) throws Exception {
        ImageGraphConfiguration.get().setWebhookSecret(Secret.fromString("the-right-secret-0123456789"));
        HttpResponse<String> response = post(jenkins, "Bearer the-right-secret-0123456789");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"started\":[]");
    }
}
