package io.jenkins.plugins.imagegraph;

import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's processes (docker, buildah, git, smoke tests), started on the agent the work runs
 * on by Jenkins' {@link Launcher}: with the build's environment, and killed with their children
 * when the step is stopped.
 */
final class LauncherProcessRunner implements ProcessRunner {

    private final Launcher launcher;
    private final Map<String, String> variables;

    /**
     * @param listener  the build's log (the launcher reports there what it cannot start)
     * @param variables the build's environment variables
     */
    LauncherProcessRunner(TaskListener listener, Map<String, String> variables) {
        this.launcher = new Launcher.LocalLauncher(listener);
        this.variables = Map.copyOf(variables);
    }

    @Override
    public int run(ProcessSpec spec, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(variables);
        environment.putAll(spec.environment());
        Launcher.ProcStarter starter = launcher.launch().cmds(spec.argv()).envs(environment).stdout(stdout)
                .stderr(stderr).quiet(true);
        spec.workingDirectory().ifPresent(folder -> starter.pwd(folder.toFile()));
        spec.stdin().ifPresent(bytes -> starter.stdin(new ByteArrayInputStream(bytes)));
        Proc process = starter.start();
        try {
            return process.join();
        } catch (InterruptedException e) {
            process.kill();
            throw e;
        }
    }
}
