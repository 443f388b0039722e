package io.jenkins.plugins.imagegraph;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that plans: which images (names, profiles, exclusions, parents, children), which changes
 * (a revision, a pull request's diff, or every image), built with which builder for which
 * platform. buildImageGraph and imageGraphPlan take the same, so a plan says what a build would do.
 */
public abstract class SelectingStep extends GraphStep {

    private String builder = "";
    private String platform = "";
    private String images = "";
    private String profiles = "";
    private String excludes = "";
    private boolean withParents;
    private boolean withChildren;
    private String changedFrom = "";
    private boolean allImages;

    public String getBuilder() {
        return builder;
    }

    /** docker or buildah, for images whose graph entry names no builder (default: the configured one). */
    @DataBoundSetter
    public void setBuilder(String builder) {
        this.builder = builder;
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = platform;
    }

    public String getImages() {
        return images;
    }

    /** Image names, separated by spaces (default: every image). */
    @DataBoundSetter
    public void setImages(String images) {
        this.images = images;
    }

    public String getProfiles() {
        return profiles;
    }

    @DataBoundSetter
    public void setProfiles(String profiles) {
        this.profiles = profiles;
    }

    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = excludes;
    }

    public boolean isWithParents() {
        return withParents;
    }

    @DataBoundSetter
    public void setWithParents(boolean withParents) {
        this.withParents = withParents;
    }

    public boolean isWithChildren() {
        return withChildren;
    }

    @DataBoundSetter
    public void setWithChildren(boolean withChildren) {
        this.withChildren = withChildren;
    }

    public String getChangedFrom() {
        return changedFrom;
    }

    @DataBoundSetter
    public void setChangedFrom(String changedFrom) {
        this.changedFrom = changedFrom;
    }

    public boolean isAllImages() {
        return allImages;
    }

    @DataBoundSetter
    public void setAllImages(boolean allImages) {
        this.allImages = allImages;
    }

    /** How the work on the agent reads the graph. */
    GraphSettings graphSettings(ImageGraphConfiguration configuration) {
        return new GraphSettings(getDir(), getGraphFile(), builder, platform, configuration);
    }

    /** Which images and changes, for the work on the agent. */
    SelectionSettings selectionSettings() {
        return new SelectionSettings(images, profiles, excludes, withParents, withChildren, changedFrom, allImages,
                platform);
    }
}
