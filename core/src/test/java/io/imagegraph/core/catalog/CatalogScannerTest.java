package io.imagegraph.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.lineage.JsonLinesLineageStore;
import io.imagegraph.core.lineage.LineageRecord;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.CredentialResolver;
import io.imagegraph.core.registry.DistributionRegistries;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.state.StateDirectory;
import io.imagegraph.core.testing.FaultyProxy;
import io.imagegraph.core.testing.LoopbackRegistry;
import io.imagegraph.core.testing.RegistryExtension;
import io.imagegraph.core.testing.TestImages;
import io.imagegraph.core.track.DeploymentRecord;
import io.imagegraph.core.track.Deployments;
import io.imagegraph.core.track.Holds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog over two real CNCF registries: one with htpasswd auth, one whose _catalog a proxy refuses with 401. */
class CatalogScannerTest {

    private static LoopbackRegistry secured;
    private static LoopbackRegistry open;
    private static FaultyProxy refusing;
    private static FaultyProxy passing;
    private static DistributionRegistries registries;
    private static final List<String> PUSHED = new ArrayList<>();
    private static final Map<String, Manifest> IMAGES = new java.util.HashMap<>();

    @TempDir
    Path stateFolder;

    @BeforeAll
    static void start() throws Exception {
        secured = LoopbackRegistry.withHtpasswd("robot", "s3cret");
        open = LoopbackRegistry.start();
        refusing = FaultyProxy.in(open.host()).failFrom("GET /v2/_catalog", 1, 401);
        passing = FaultyProxy.in(secured.host());
        registries = new DistributionRegistries(CredentialResolver.of(RegistryHost.parse(passing.host()),
                RegistryCredentials.of("robot", "s3cret")), Set.of(), RegistryExtension.QUICK);
        for (String host : List.of(passing.host(), refusing.host())) {
            Registry registry = registries.named(host);
            for (String repository : List.of("acme/base", "acme/app", "acme/tools")) {
                for (String tag : List.of("1", "2", "latest")) {
                    Manifest image = TestImages.push(registry, repository, tag, host + repository + tag);
                    PUSHED.add(host + "/" + repository + ":" + tag);
                    IMAGES.put(host + "/" + repository + ":" + tag, image);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        refusing.close();
        passing.close();
        secured.close();
        open.close();
    }

    private Catalog scan(DigestFacts facts, CatalogFilter filter) throws Exception {
        return new CatalogScanner(registries, 2, 4).scan(List.of(new CatalogSource(passing.host(), List.of()),
                new CatalogSource(refusing.host(), List.of("acme/base", "acme/app", "acme/tools"))), facts, filter);
    }

    @Test
    void everyRepositoryAndTag_isListed_pageByPage_andTheRefusedCatalogIsSaid() throws Exception {
        int before = refusing.seen().size();
        int listedBefore = passing.seen().size();

        Catalog catalog = scan(DigestFacts.none(), CatalogFilter.all());

        assertThat(catalog.entries()).extracting(e -> e.location() + ":" + e.tag()).containsExactlyInAnyOrderElementsOf(PUSHED);
        assertThat(catalog.entries()).allSatisfy(e -> assertThat(e.digest())
                .isEqualTo(IMAGES.get(e.location() + ":" + e.tag()).digest().toString()));
        assertThat(catalog.registries().get(0).listed()).isTrue();
        assertThat(catalog.registries().get(0).note()).isEqualTo("3 repositories listed by the registry");
        assertThat(catalog.registries().get(1).listed()).isFalse();
        assertThat(catalog.registries().get(1).note()).contains("a Quay robot cannot list")
                .contains("3 repositories from the graph");
        List<String> listed = passing.seen().subList(listedBefore, passing.seen().size());
        // 3 repositories in pages of 2: the registry's Link header leads to a second page
        assertThat(listed.stream().filter(line -> line.startsWith("GET /v2/_catalog") && !line.contains("last="))
                .distinct()).containsExactly("GET /v2/_catalog?n=2");
        assertThat(listed).anyMatch(line -> line.startsWith("GET /v2/_catalog?") && line.contains("last=acme%2Fbase")
                || line.startsWith("GET /v2/_catalog?") && line.contains("last=acme/base"));
        // distribution 2.8 answers a tag list in one page whatever n asks for; each list still asks for pages of 2
        List<String> seen = refusing.seen().subList(before, refusing.seen().size());
        assertThat(seen).anyMatch(line -> line.startsWith("GET /v2/_catalog?n=2"));
        assertThat(seen.stream().filter(line -> line.contains("/tags/list")).toList())
                .hasSize(3).allMatch(line -> line.contains("n=2"));
        assertThat(catalog.problems()).isEmpty();
    }

    @Test
    void factsFromTheState_heldThroughAnAncestor_deployed_attested_andTheFilters() throws Exception {
        StateDirectory state = StateDirectory.at(stateFolder);
        String base = IMAGES.get(passing.host() + "/acme/base:1").digest().toString();
        String app = IMAGES.get(passing.host() + "/acme/app:1").digest().toString();
        new JsonLinesLineageStore(stateFolder.resolve(JsonLinesLineageStore.FILE_NAME)).append(List.of(
                new LineageRecord("base", "built", base, passing.host() + "/acme/base", "sha256:i", List.of(), List.of(),
                        null, "2026-12-01T10:00:00Z", "run-7", 10),
                new LineageRecord("app", "built", app, passing.host() + "/acme/app", "sha256:j",
                        List.of(new LineageRecord.ParentDigest("base", base)), List.of(), null, "2026-12-01T10:00:01Z",
                        "run-7", 10)));
        Holds.in(state).hold(Map.of(Digest.of(base), "CVE-2026-1234"), "test", "test", Instant.now());
        Deployments.in(state).record(List.of(new DeploymentRecord("prod", passing.host() + "/acme/app", app,
                "2026-12-01T11:00:00Z", "test")));
        Registry registry = registries.named(passing.host());
        registry.putManifest(io.imagegraph.core.ref.RepositoryName.of("acme/app"), "sha256-" + Digest.of(app).encoded(),
                Manifest.of(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                        + "\"manifests\":[]}").getBytes(), "application/vnd.oci.image.index.v1+json"));

        Catalog vulnerable = scan(DigestFacts.read(state), new CatalogFilter(true, true, Optional.empty()));

        assertThat(vulnerable.entries()).extracting(CatalogEntry::tag).containsExactly("1");
        CatalogEntry entry = vulnerable.entries().get(0);
        assertThat(entry.repository()).isEqualTo("acme/app");
        assertThat(entry.held()).get().asString().contains("built on").contains("CVE-2026-1234");
        assertThat(entry.deployedIn()).containsExactly("prod");
        assertThat(entry.attested()).isTrue();
        assertThat(entry.runId()).contains("run-7");
        Catalog tools = scan(DigestFacts.read(state), new CatalogFilter(false, false,
                Optional.of(Pattern.compile("tools$"))));
        assertThat(tools.entries()).hasSize(6).allMatch(e -> e.repository().equals("acme/tools") && !e.attested());
    }
}
