package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static io.imagegraph.core.build.FamilyBuild.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.plan.ChangeSet;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistry;
import io.imagegraph.core.registry.RegistryEndpoint;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images whose input digest is in the registry are reused there, registry side ({@link FamilyBuild}). */
class RegistryReuseTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void withARegistry_secondRun_reusesFromTheRegistryAndMovesTheRunTagThere() throws Exception {
        String namespace = family.ownNamespace("rr");
        try (LoopbackRegistry server = LoopbackRegistry.start()) {
            BuildReport first = family.build(Optional.empty(), false, Optional.of(server.host()), "test");
            assertThat(statuses(first).values()).containsOnly(ImageStatus.BUILT);
            family.events.clear();
            BuildReport second = family.build(Optional.empty(), false, Optional.of(server.host()), "pr-7");
            assertThat(statuses(second).values()).containsOnly(ImageStatus.REUSED);
            DistributionRegistry registry = DistributionRegistry.of(RegistryEndpoint.of(RegistryHost.parse(server.host())),
                    CredentialResolver.anonymous());
            for (ImageResult result : second.images()) {
                String digest = byName(first).get(result.name()).digest().orElseThrow();
                assertThat(result.digest()).as(result.name()).contains(digest);
                assertThat(result.imageId()).as("not read from the local store").isEmpty();
                assertThat(registry.head(RepositoryName.of(namespace + "/" + result.name()), "pr-7").orElseThrow()
                        .digest()).hasToString(digest);
                assertThat(result.reason()).startsWith("the registry has an image with the same input digest");
            }
            assertThat(family.events).noneMatch(e -> e instanceof BuildEvent.Started started
                    && started.action().startsWith("building"));
        }
    }

    @Test
    void withARegistry_leafChange_looksUpOnlyTheLeafAndItsAncestors() throws Exception {
        String namespace = family.ownNamespace("rl");
        try (LoopbackRegistry server = LoopbackRegistry.start(); FaultyProxy proxy = FaultyProxy.in(server.host())) {
            family.build(Optional.empty(), false, Optional.of(proxy.host()), "test");
            family.fixture.file("images/leaf/leaf.txt", "leaf v2\n");
            int before = proxy.requests();
            BuildReport second = family.build(Optional.of(new ChangeSet("test", List.of("images/leaf/leaf.txt"))), false,
                    Optional.of(proxy.host()), "test");
            assertThat(statuses(second)).containsEntry("leaf", ImageStatus.BUILT)
                    .containsEntry("sibling", ImageStatus.NOT_SELECTED);
            List<String> made = proxy.seen().subList(before, proxy.requests());
            assertThat(made).as("the sibling cannot be affected by the leaf").noneMatch(line -> line.contains("/sibling/"));
            assertThat(made).anyMatch(line -> line.contains("/" + namespace + "/base/manifests/"))
                    .anyMatch(line -> line.contains("/" + namespace + "/mid/manifests/"));
        }
    }

    @Test
    void registryThatDoesNotAnswer_failsEachImageWithTheLookUpSentence_buildsNothing() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BuildReport report = family.build(Optional.empty(), false, Optional.of("127.0.0.1:" + closedPort));
        ImageResult base = byName(report).get("base");
        assertThat(base.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(base.reason()).startsWith("Tried to look up manifest ").contains(" at 127.0.0.1:" + closedPort
                + " but failed because: no answer after 2 attempts");
        assertThat(statuses(report)).containsEntry("mid", ImageStatus.PARENT_FAILED);
        assertThat(family.events).noneMatch(e -> e instanceof BuildEvent.Started started
                && started.action().startsWith("building"));
    }
}
