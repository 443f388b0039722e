package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.RootAction;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerProxy;

/**
 * {@code JENKINS_URL/image-catalog/}: the catalog of the configured registries, read only, for
 * every user with Overall/Read: "go to one place to select images", and "am I running anything
 * vulnerable?" ({@code ?held=true&deployed=true}).
 */
@Extension
public final class CatalogRootAction implements RootAction, StaplerProxy {

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "/plugin/image-graph/images/lineage.svg" : null;
    }

    @Override
    public String getDisplayName() {
        return "Image catalog";
    }

    @Override
    public String getUrlName() {
        return "image-catalog";
    }

    @Override
    public Object getTarget() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return this;
    }

    public CatalogView view(String held, String deployed, String repository) {
        return CatalogView.of(held, deployed, repository);
    }
}
