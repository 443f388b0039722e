package io.jenkins.plugins.imagegraph;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.Secret;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.RetryPolicy;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.upstream.UpstreamDigest;
import io.imagegraph.core.upstream.UpstreamState;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The webhook endpoint over HTTP, as a registry posts: what it refuses, and the job it starts. */
@WithJenkins
class ImageGraphWebhookTest {

    /** A CNCF registry's push notification, from image-graph-core's test resources. */
    private static byte[] push() throws Exception {
        try (var in = ImageGraphWebhookTest.class.getResourceAsStream("/webhooks/distribution-push.json")) {
            return in.readAllBytes();
        }
    }

    /** The notification a CNCF registry on host sends for a push of repository:tag at digest. */
    private static byte[] push(String host, String repository, String tag, String digest) {
        return ("{\"events\": [{\"action\": \"push\", \"target\": {\"mediaType\":"
                + " \"application/vnd.docker.distribution.manifest.v2+json\", \"digest\": \"" + digest
                + "\", \"repository\": \"" + repository + "\", \"tag\": \"" + tag + "\"},"
                + " \"request\": {\"host\": \"" + host + "\", \"method\": \"PUT\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(JenkinsRule jenkins, String authorization) throws Exception {
        return post(jenkins, authorization, push());
    }

    private static HttpResponse<String> post(JenkinsRule jenkins, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jenkins.getURL() + "image-graph-webhook/"))
                .header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
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

    @Test
    void pushThatMovesAWatchedBase_startsTheJobWatchingIt(JenkinsRule jenkins) throws Exception {
        ImageGraphConfiguration.get().setWebhookSecret(Secret.fromString("the-right-secret-0123456789"));
        WorkflowJob job = jenkins.createProject(WorkflowJob.class, "debian-images");
        job.setDefinition(new CpsFlowDefinition("echo 'built'", true));
        job.addProperty(new PipelineTriggersJobProperty(List.of(new ImageChangeTrigger("@daily"))));
        WorkflowRun first = jenkins.buildAndAssertSuccess(job);
        // the webhook confirms a pushed digest with the registry before recording a move, so the
        // push is real: an image on a loopback registry, and the notification that registry sends
        try (LoopbackRegistry registry = LoopbackRegistry.start()) {
            Manifest pushed = TestImages.push(new DistributionRegistries(CredentialResolver.anonymous(), Set.of(),
                    new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))).named(registry.host()),
                    "library/debian", "12", "debian");
            String watch = registry.host() + "/library/debian:12";
            ImageGraphAction.record(first, new StepRecord(true, Optional.empty(), List.of(), new LinkedHashMap<>(),
                    "run-1", "/ws/.imagegraph/runs/run-1/build-report.json", Map.of(), List.of(watch)), "");
            UpstreamState.in(StateDirectory.at(new File(job.getRootDir(), ImageChangeTrigger.STATE_FOLDER).toPath()))
                    .record(List.of(new UpstreamDigest(watch, registry.host() + "/library/debian", "12",
                            "sha256:" + "0".repeat(64), null, null, "2026-11-24T00:00:00Z", "poll")));

            HttpResponse<String> response = post(jenkins, "Bearer the-right-secret-0123456789",
                    push(registry.host(), "library/debian", "12", pushed.digest().toString()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("debian-images");
            jenkins.waitUntilNoActivity();
            WorkflowRun second = job.getBuildByNumber(2);
            assertThat(second).isNotNull();
            assertThat(second.getCause(ImageChangeCause.class).getShortDescription())
                    .startsWith("Upstream image moved: " + watch);
        }
    }
}
