package io.imagegraph.core.pipeline;

import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.run.PullRequest;
import io.imagegraph.core.run.RunRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step builds or plans, as far as changes go: every image, what changed since a revision
 * the Jenkinsfile gives, or, in a multibranch pull-request build, what the pull request changes
 * compared with its target branch (its images then tagged {@code pr-<CHANGE_ID>} unless the step
 * names tags).
 *
 * @param changedFrom the revision to compare with, when only what changed counts
 * @param pullRequest the pull request the build is for, when the scope comes from it
 */
public record ChangeScope(Optional<String> changedFrom, Optional<PullRequest> pullRequest) {

    /**
     * @param changedFrom what the step was given
     * @param allImages   the step asks for every image even in a pull-request build
     * @param variables   the build's environment ({@code CHANGE_ID}, {@code CHANGE_TARGET})
     * @param root        the graph root, inside the checkout
     */
    public static ChangeScope of(Optional<String> changedFrom, boolean allImages, Map<String, String> variables,
                                 Path root, ProcessRunner runner) throws RunRequestException, InterruptedException {
        if (changedFrom.isPresent() && allImages) {
            throw new RunRequestException("give changedFrom or allImages: true, not both");
        }
        if (changedFrom.isPresent() || allImages) {
            return new ChangeScope(changedFrom, Optional.empty());
        }
        Optional<PullRequest> pullRequest = PullRequest.of(variables);
        if (pullRequest.isEmpty()) {
            return new ChangeScope(Optional.empty(), Optional.empty());
        }
        return new ChangeScope(Optional.of(pullRequest.get().targetRevision(root, runner)), pullRequest);
    }

    /**
     * The run's tags: the step's, else the pull request's {@code pr-<id>}, else the configured
     * ones, else none (each image's from the graph file).
     */
    public List<String> tags(List<String> given, List<String> configured) {
        if (!given.isEmpty()) {
            return given;
        }
        return pullRequest.map(pr -> List.of(pr.tag())).orElse(configured);
    }

    /** A sentence for the build log saying what is built. */
    public String describe() {
        if (pullRequest.isPresent()) {
            return "pull request " + pullRequest.get().id() + " into " + pullRequest.get().target()
                    + ": what it changes since " + changedFrom.orElseThrow();
        }
        return changedFrom.map(revision -> "what changed since " + revision).orElse("every selected image");
    }
}
