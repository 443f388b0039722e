package io.imagegraph.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.testing.TokenServer;
import io.imagegraph.core.ref.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication (Basic, bearer tokens) and retries, against real registries and a fault-injecting proxy. */
class RegistryTransportTest {

    private static final RetryPolicy QUICK = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(200));
    private static final RepositoryName REPO = RepositoryName.of("acme/base");

    private static DistributionRegistry client(String host, CredentialResolver credentials) {
        return DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(host)), credentials, QUICK);
    }

    private static CredentialResolver login(String host, String user, String password) {
        return CredentialResolver.of(RegistryHost.parse(host), RegistryCredentials.of(user, password));
    }

    @Test
    void basicAuth_rightCredentials_pushAndRead() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.withHtpasswd("robot", "s3cret-pass")) {
            DistributionRegistry registry = client(server.host(), login(server.host(), "robot", "s3cret-pass"));
            registry.checkVersion();
            Manifest pushed = TestImages.push(registry, "acme/base", "test", "basic");
            assertThat(registry.head(REPO, "test").orElseThrow().digest()).isEqualTo(pushed.digest());
        }
    }

    @Test
    void basicAuth_noCredentials_saysToLogIn() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.withHtpasswd("robot", "s3cret-pass")) {
            DistributionRegistry registry = client(server.host(), CredentialResolver.anonymous());
            assertThatThrownBy(() -> registry.head(REPO, "test")).isInstanceOf(RegistryException.class)
                    .hasMessage("Tried to look up manifest acme/base:test at " + server.host() + " but failed because:"
                            + " the registry wants credentials; log in to it (docker login " + server.host()
                            + ") or give credentials for it")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(401));
        }
    }

    @Test
    void basicAuth_wrongPassword_namesTheUserButNeverThePassword() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.withHtpasswd("robot", "s3cret-pass")) {
            DistributionRegistry registry = client(server.host(), login(server.host(), "robot", "wrong-pass"));
            assertThatThrownBy(() -> registry.head(REPO, "test")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("refused the credentials of robot")
                    .hasMessageNotContaining("wrong-pass");
        }
    }

    @Test
    void bearerToken_quayRobotStyleLogin_getsTokensPerScopeAndReusesThem() throws Exception {
        try (TokenServer tokens = TokenServer.start("acme+ci", "robot-token");
             LoopbackRegistry server = LoopbackRegistry.withTokenAuth(tokens)) {
            DistributionRegistry registry = client(server.host(), CredentialResolver.of(RegistryHost.parse(server.host()),
                    RegistryCredentials.quayRobot("acme+ci", "robot-token")));
            Manifest pushed = TestImages.push(registry, "acme/base", "test", "bearer");
            for (int i = 0; i < 20; i++) {
                assertThat(registry.head(REPO, "test").orElseThrow().digest()).isEqualTo(pushed.digest());
            }
            assertThat(tokens.requestedScopes()).contains("repository:acme/base:pull,push", "repository:acme/base:pull");
            assertThat(tokens.issued()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void bearerToken_aboutToExpire_isFetchedAgain() throws Exception {
        try (TokenServer tokens = TokenServer.start("ci", "pw", 5);
             LoopbackRegistry server = LoopbackRegistry.withTokenAuth(tokens)) {
            DistributionRegistry registry = client(server.host(), login(server.host(), "ci", "pw"));
            registry.head(REPO, "test");
            int first = tokens.issued();
            registry.head(REPO, "test");
            assertThat(tokens.issued()).isGreaterThan(first);
        }
    }

    @Test
    void bearerToken_refusedCredentials_saysTheTokenServerRefusedThem() throws Exception {
        try (TokenServer tokens = TokenServer.start("ci", "pw");
             LoopbackRegistry server = LoopbackRegistry.withTokenAuth(tokens)) {
            DistributionRegistry registry = client(server.host(), login(server.host(), "ci", "not-pw"));
            assertThatThrownBy(() -> registry.head(REPO, "test")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("get a token for repository:acme/base:pull from " + tokens.realm())
                    .hasMessageContaining("the token server refused the credentials of ci")
                    .hasMessageNotContaining("not-pw");
        }
    }

    @Test
    void serverErrors_thenSuccess_areRetried() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            DistributionRegistry registry = client(proxy.host(), CredentialResolver.anonymous());
            Manifest pushed = TestImages.push(registry, "acme/base", "test", "retried");
            proxy.answer("HEAD /v2/acme/base/manifests/test", 503, 2);
            assertThat(registry.head(REPO, "test").orElseThrow().digest()).isEqualTo(pushed.digest());
            proxy.answer("PUT /v2/acme/base/manifests/latest", 500, 1);
            registry.putManifest(REPO, "latest", pushed);
            assertThat(registry.head(REPO, "latest").orElseThrow().digest()).isEqualTo(pushed.digest());
        }
    }

    @Test
    void tooManyRequests_withRetryAfter_isRetried() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            DistributionRegistry registry = client(proxy.host(), CredentialResolver.anonymous());
            TestImages.push(registry, "acme/base", "test", "throttled");
            proxy.answer("GET /v2/acme/base/manifests/test", 429, 2, "0");
            assertThat(registry.manifest(REPO, "test")).isPresent();
        }
    }

    @Test
    void droppedConnection_isRetried() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            DistributionRegistry registry = client(proxy.host(), CredentialResolver.anonymous());
            TestImages.push(registry, "acme/base", "test", "dropped");
            proxy.drop("HEAD /v2/acme/base/manifests/test", 2);
            assertThat(registry.head(REPO, "test")).isPresent();
        }
    }

    @Test
    void serverErrors_everyTime_failRetryableAfterTheLastAttempt() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            DistributionRegistry registry = client(proxy.host(), CredentialResolver.anonymous());
            proxy.answer("HEAD /v2/acme/base/manifests/test", 503, 10);
            int before = proxy.requests();
            assertThatThrownBy(() -> registry.head(REPO, "test")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the registry answered 503 4 times")
                    .satisfies(e -> assertThat(((RegistryException) e).isRetryable()).isTrue())
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(503));
            assertThat(proxy.requests() - before).isEqualTo(QUICK.attempts());
        }
    }

    @Test
    void registryStopped_failsWithNoAnswer() throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            DistributionRegistry registry = client(server.host(), CredentialResolver.anonymous());
            server.stop();
            assertThatThrownBy(() -> registry.head(REPO, "test")).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("no answer after 4 attempts")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isZero());
        }
    }

    @Test
    void uploadFromFile_connectionDroppedAtThePut_isSentAgainWholeFromTheFile(@TempDir Path dir) throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            DistributionRegistry registry = client(proxy.host(), CredentialResolver.anonymous());
            byte[] content = new byte[3 * 1024 * 1024];
            new Random(7).nextBytes(content);
            Path file = Files.write(dir.resolve("layer"), content);
            Digest digest = Digest.sha256(content);
            proxy.drop("PUT /v2/acme/base/blobs/uploads/", 1);
            registry.uploadBlob(REPO, digest, file);
            assertThat(proxy.seen().stream().filter(line -> line.startsWith("PUT /v2/acme/base/blobs/uploads/")))
                    .hasSize(2);
            registry.downloadBlob(REPO, digest, dir.resolve("back"));
            assertThat(Files.readAllBytes(dir.resolve("back"))).isEqualTo(content);
        }
    }

    @Test
    void download_redirectedToStorage_followsTheRedirectAndChecksTheDigest(@TempDir Path dir) throws Exception {
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            DistributionRegistry registry = client(proxy.host(), CredentialResolver.anonymous());
            byte[] content = "a layer kept on object storage".getBytes(StandardCharsets.UTF_8);
            registry.putBlob(REPO, Digest.sha256(content), content);
            proxy.redirect("GET /v2/acme/base/blobs/", 1);
            int before = proxy.requests();
            registry.downloadBlob(REPO, Digest.sha256(content), dir.resolve("blob"));
            assertThat(Files.readAllBytes(dir.resolve("blob"))).isEqualTo(content);
            assertThat(proxy.requests() - before).as("the redirected GET went to the storage, not the proxy").isEqualTo(1);
        }
    }
}
