package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.OutputTail;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies an image's {@code postBuild} instructions to the image its builder made, as StarlingX's
 * {@code docker-image-postbuild.sh} does: a second {@code docker build} {@code FROM} the built
 * image, as {@code USER 0:0}, ending with the image's own USER again, tagged with the job's tags.
 * The steps get the network the image's own build had.
 * An image without {@code /bin/sh} is left as built, with a line in the log saying so, since no
 * RUN could work in it (the script does the same).
 */
final class PostBuild {

    private final ProcessRunner runner;
    private final String docker;
    private final Map<String, String> environment;

    PostBuild(ProcessRunner runner, String docker, Map<String, String> environment) {
        this.runner = runner;
        this.docker = docker;
        this.environment = Map.copyOf(environment);
    }

    /** The image after the job's post-build steps: {@code imageId} itself when it has none. */
    String apply(BuildJob job, String imageId, BuildNetwork network, OutputStream log) throws ImageBuildException, InterruptedException {
        List<String> steps = job.node().spec().postBuild();
        if (steps.isEmpty()) {
            return imageId;
        }
        Path dir = job.workDirectory().resolve("post-build");
        Path dockerfile = job.workDirectory().resolve("post-build.Dockerfile");
        Path idFile = job.workDirectory().resolve("post-build-image-id");
        try {
            if (!hasShell(imageId)) {
                log.write(("post-build steps of " + job.name() + " skipped: the image has no /bin/sh\n")
                        .getBytes(StandardCharsets.UTF_8));
                return imageId;
            }
            String user = docker(List.of("image", "inspect", "--format", "{{.Config.User}}", imageId)).stdout().strip();
            StringBuilder text = new StringBuilder("FROM ").append(imageId).append("\nUSER 0:0\n");
            steps.forEach(step -> text.append(step).append('\n'));
            text.append("USER ").append(user.isEmpty() ? "0" : user).append('\n');
            Files.createDirectories(dir);
            Files.writeString(dockerfile, text);
            Files.deleteIfExists(idFile);
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare the post-build steps of " + job.name() + ": " + e.getMessage(),
                    false);
        }
        List<String> argv = new ArrayList<>(List.of(docker, "build"));
        argv.addAll(network.flags());
        argv.addAll(List.of("--iidfile", idFile.toString(), "--file", dockerfile.toString()));
        job.tags().forEach(tag -> argv.addAll(List.of("--tag", tag)));
        argv.add(dir.toString());
        OutputTail tail = new OutputTail(log);
        int exit;
        try {
            // the legacy builder takes FROM <image ID> as it is; the steps get the image's own network
            Map<String, String> env = new java.util.HashMap<>(environment);
            env.put("DOCKER_BUILDKIT", "0");
            exit = runner.run(new ProcessSpec(argv, env, Optional.of(job.root()), Optional.empty()), tail, tail);
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + docker + " build for the post-build steps of " + job.name()
                    + ": " + e.getMessage(), false);
        }
        if (exit != 0) {
            throw TransientFailures.failure("the post-build steps (" + docker + " build) exited with " + exit, tail);
        }
        try {
            String id = Files.readString(idFile).strip();
            return id.contains(":") ? id : "sha256:" + id;
        } catch (IOException e) {
            throw new ImageBuildException("the post-build steps of " + job.name() + " wrote no image ID to " + idFile,
                    false);
        }
    }

    private boolean hasShell(String imageId) throws IOException, InterruptedException, ImageBuildException {
        CapturedRun created = docker(List.of("create", imageId, "/bin/sh"));
        if (!created.succeeded()) {
            throw new ImageBuildException("cannot create a container of " + imageId + " to look for /bin/sh: "
                    + created.stderr().strip(), false);
        }
        String container = created.stdout().strip();
        try {
            return docker(List.of("cp", container + ":/bin/sh", "-")).succeeded();
        } finally {
            docker(List.of("rm", container));
        }
    }

    private CapturedRun docker(List<String> arguments) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(docker);
        argv.addAll(arguments);
        return CapturedRun.run(runner, new ProcessSpec(argv, environment, Optional.empty(), Optional.empty()));
    }
}
