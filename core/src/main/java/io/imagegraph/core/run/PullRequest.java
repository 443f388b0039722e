package io.imagegraph.core.run;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pull request a multibranch build runs for, from the variables Jenkins' branch sources set:
 * {@code CHANGE_ID} (its number) and {@code CHANGE_TARGET} (the branch it goes into). Such a build
 * builds only what the pull request changes, compared with its target branch, and tags the images
 * {@code pr-<CHANGE_ID>}.
 *
 * @param id     the pull request's id, as the branch source gives it
 * @param target the branch it merges into
 */
public record PullRequest(String id, String target) {

    public static final String ID_VARIABLE = "CHANGE_ID";
    public static final String TARGET_VARIABLE = "CHANGE_TARGET";

    public PullRequest {
        if (id.isBlank()) {
            throw new IllegalArgumentException("a pull request needs an id");
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("a pull request needs a target branch");
        }
    }

    /**
     * The pull request of a build's environment; empty for a branch build (no {@code CHANGE_ID}).
     *
     * @throws RunRequestException when {@code CHANGE_ID} is set without {@code CHANGE_TARGET}
     */
    public static Optional<PullRequest> of(Map<String, String> environment) throws RunRequestException {
        String id = environment.getOrDefault(ID_VARIABLE, "").strip();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String target = environment.getOrDefault(TARGET_VARIABLE, "").strip();
        if (target.isEmpty()) {
            throw new RunRequestException("this build is for change " + id + " (CHANGE_ID) but names no target branch"
                    + " (CHANGE_TARGET), so what it changes is unknown: give changedFrom: '<revision>' to the step,"
                    + " or allImages: true to build every image");
        }
        return Optional.of(new PullRequest(id, target));
    }

    /** The tag its images get: {@code pr-<id>}, with any character a tag cannot hold made a '-'. */
    public String tag() {
        String tag = "pr-" + id.replaceAll("[^A-Za-z0-9_.-]", "-");
        return tag.length() > 128 ? tag.substring(0, 128) : tag;
    }

    /**
     * The target branch as a revision of the checkout at {@code root}: the remote-tracking branch
     * {@code origin/<target>} when it was fetched (a merge build fetches it), else a local branch.
     *
     * @throws RunRequestException when the checkout has neither, saying how to fetch it
     */
    public String targetRevision(Path root, ProcessRunner runner) throws RunRequestException, InterruptedException {
        for (String candidate : List.of("refs/remotes/origin/" + target, "refs/heads/" + target)) {
            CapturedRun run;
            try {
                run = CapturedRun.run(runner, new ProcessSpec(List.of("git", "rev-parse", "--verify", "--quiet",
                        candidate + "^{commit}"), Map.of(), Optional.of(root), Optional.empty()));
            } catch (IOException e) {
                throw new RunRequestException("cannot run git in " + root + " to find the target branch '" + target
                        + "' of pull request " + id + ": " + e.getMessage());
            }
            if (run.succeeded()) {
                return candidate;
            }
        }
        throw new RunRequestException("pull request " + id + " goes into '" + target + "', but the checkout in " + root
                + " has neither origin/" + target + " nor a local " + target + " branch, so what it changes is unknown:"
                + " fetch the target branch before the step (git fetch origin +refs/heads/" + target
                + ":refs/remotes/origin/" + target + "), or build pull requests merged with their target");
    }
}
