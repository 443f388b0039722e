package io.imagegraph.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookPayloadsTest {

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = WebhookPayloadsTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void distributionNotification_givesTheTaggedManifestPush_notBlobsOrPulls() throws Exception {
        List<UpstreamPush> pushes = WebhookPayloads.parse(fixture("distribution-push.json"));
        assertThat(pushes).singleElement().satisfies(push -> {
            assertThat(push.reference()).isEqualTo("127.0.0.1:5000/library/debian:12");
            assertThat(push.digest()).contains("sha256:3c2e8ab2b8b1f1b3c69d0fa3c6e8a9b7d0e2f4a6c8b1d3e5f7a9b0c2d4e6f8a1");
            assertThat(push.via()).isEqualTo("webhook:distribution");
        });
    }

    @Test
    void quayRepoPush_givesEachUpdatedTag_withoutADigest() throws Exception {
        List<UpstreamPush> pushes = WebhookPayloads.parse(fixture("quay-repo-push.json"));
        assertThat(pushes).extracting(UpstreamPush::reference)
                .containsExactly("quay.io/centos/centos:stream9", "quay.io/centos/centos:stream9-20261120.0");
        assertThat(pushes.get(0).digest()).isEmpty();
    }

    @Test
    void quayLegacyPayload_withTagsAsAMapping_isRead() throws Exception {
        assertThat(WebhookPayloads.parse(fixture("quay-repo-push-legacy.json"))).extracting(UpstreamPush::reference)
                .containsExactly("quay.io/devtable/ubuntu:latest");
    }

    @Test
    void dockerHubWebhook_givesTheTagOnDockerIo() throws Exception {
        assertThat(WebhookPayloads.parse(fixture("dockerhub-push.json"))).singleElement().satisfies(push -> {
            assertThat(push.reference()).isEqualTo("docker.io/acme/base:2026.11");
            assertThat(push.digest()).isEqualTo(Optional.empty());
            assertThat(push.via()).isEqualTo("webhook:dockerhub");
        });
    }

    @Test
    void notJson_isRejectedWith400() {
        assertThatThrownBy(() -> WebhookPayloads.parse("push!".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("not JSON")
                .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(400));
    }

    @Test
    void unknownFormat_namesTheFormatsItReads() {
        assertThatThrownBy(() -> WebhookPayloads.parse("{\"ref\": \"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("none of the formats image-graph reads");
    }

    @Test
    void distributionPushWithoutDigest_isRejected() {
        String payload = "{\"events\": [{\"action\": \"push\", \"target\": {\"repository\": \"a\", \"tag\": \"1\"},"
                + " \"request\": {\"host\": \"127.0.0.1:5000\"}}]}";
        assertThatThrownBy(() -> WebhookPayloads.parse(payload.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("event 0 is a push without");
    }

    @Test
    void tagThatIsNoTag_isRejected() {
        String payload = "{\"docker_url\": \"quay.io/a/b\", \"updated_tags\": [\"no tag!\"]}";
        assertThatThrownBy(() -> WebhookPayloads.parse(payload.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("which is not an image reference");
    }
}
