package io.jenkins.plugins.imagegraph;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** The job's page shows the lineage of its last build that ran buildImageGraph. */
public final class ImageGraphJobAction implements Action {

    private final Job<?, ?> job;

    ImageGraphJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** The last image-graph run among the job's recent builds, or null. */
    public ImageGraphAction getLastAction() {
        return ImageGraphAction.lastOf(job);
    }

    @Override
    public String getIconFileName() {
        return getLastAction() == null ? null : "/plugin/image-graph/images/lineage.svg";
    }

    @Override
    public String getDisplayName() {
        return "Last image lineage";
    }

    @Override
    public String getUrlName() {
        return "image-graph";
    }

    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        @SuppressWarnings("unchecked")
        public Collection<? extends Action> createFor(@NonNull Job target) {
            return List.of(new ImageGraphJobAction(target));
        }
    }
}
