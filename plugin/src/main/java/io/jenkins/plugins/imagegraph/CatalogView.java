package io.jenkins.plugins.imagegraph;

import hudson.model.Item;
import hudson.model.Run;
import io.imagegraph.core.catalog.CatalogCache;
import io.imagegraph.core.catalog.CatalogQuery;
import io.imagegraph.core.catalog.CatalogRow;
import io.imagegraph.core.catalog.RegistryListing;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * What a catalog page shows for one request: the last catalog the background scan made, with the
 * request's filters ({@code ?held=true&deployed=true&repository=REGEX}, the CLI's), the engine's
 * rows, and a link to the producing build for builds the user can read.
 */
public final class CatalogView {

    private final CatalogCache.Snapshot snapshot;
    private final CatalogQuery query;
    private final List<CatalogRow> rows;

    CatalogView(CatalogRefresh refresh, String held, String deployed, String repository) {
        this.snapshot = refresh.cache().snapshot();
        this.query = CatalogQuery.parse(held, deployed, repository);
        this.rows = snapshot.catalog().map(catalog -> CatalogRow.of(catalog, query.filter(), refresh.buildsByRun(),
                refresh.buildsByDigest(), Instant.now())).orElse(List.of());
    }

    /** The view of the last scan with a request's filters ({@code null} or blank: not given). */
    static CatalogView of(String held, String deployed, String repository) {
        return new CatalogView(CatalogRefresh.get(), held, deployed, repository);
    }

    public boolean isScanned() {
        return snapshot.catalog().isPresent();
    }

    public boolean isScanning() {
        return snapshot.scanning();
    }

    public String getScannedAt() {
        return snapshot.scannedAt().map(Instant::toString).orElse("");
    }

    public String getProblem() {
        return snapshot.problem().orElse(null);
    }

    public String getQueryProblem() {
        return query.problem().orElse(null);
    }

    public boolean isHeld() {
        return query.filter().held();
    }

    public boolean isDeployed() {
        return query.filter().deployed();
    }

    public String getRepository() {
        return query.repository();
    }

    public List<CatalogRow> getRows() {
        return rows;
    }

    public List<RegistryListing> getRegistries() {
        return snapshot.catalog().map(catalog -> catalog.registries()).orElse(List.of());
    }

    public List<String> getProblems() {
        return snapshot.catalog().map(catalog -> catalog.problems()).orElse(List.of());
    }

    /** The producing build's URL (relative to Jenkins' root) when the user may read its job; else null. */
    public String buildUrl(CatalogRow row) {
        return build(row).map(Run::getUrl).orElse(null);
    }

    /** The producing build's name ({@code images #7}) when the user may read its job; else null. */
    public String buildName(CatalogRow row) {
        return build(row).map(Run::getFullDisplayName).orElse(null);
    }

    private static Optional<Run<?, ?>> build(CatalogRow row) {
        if (row.producedBy().isEmpty()) {
            return Optional.empty();
        }
        Run<?, ?> build = Run.fromExternalizableId(row.producedBy().get());
        return build != null && build.getParent().hasPermission(Item.READ) ? Optional.of(build) : Optional.empty();
    }

    /** Whether the user may ask for a scan now (administrators, on the management page). */
    public boolean isRefreshAllowed() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }
}
