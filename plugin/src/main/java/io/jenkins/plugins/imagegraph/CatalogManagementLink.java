package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › Image catalog (administrators only): the catalog of the configured registries,
 * with how each registry's repositories were found and what could not be read, and a button that
 * starts a scan in the background.
 */
@Extension
public final class CatalogManagementLink extends ManagementLink implements StaplerProxy {

    @Override
    public String getIconFileName() {
        return "/plugin/image-graph/images/lineage.svg";
    }

    @Override
    public String getDisplayName() {
        return "Image catalog";
    }

    @Override
    public String getDescription() {
        return "Every repository and tag of the configured registries, with what image-graph knows of each digest:"
                + " promoted, tested, held, deployed, attested, and the build that produced it.";
    }

    @Override
    public String getUrlName() {
        return "image-graph-catalog";
    }

    @NonNull
    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** Administrators only, whatever the URL. */
    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return this;
    }

    public CatalogView view(String held, String deployed, String repository) {
        return CatalogView.of(held, deployed, repository);
    }

    /** Starts a scan in the background and comes back to the page; the page shows it running. */
    @POST
    public HttpResponse doRefresh() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CatalogRefresh.get().doRun();
        return HttpResponses.redirectToDot();
    }
}
