package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.imagegraph.core.access.RegistryRefusals;
import io.imagegraph.core.pipeline.StepEnvironment;
import io.imagegraph.core.pipeline.StepRecord;
import io.imagegraph.core.quota.ConfiguredQuotas;
import io.imagegraph.core.quota.Quota;
import io.imagegraph.core.registry.RegistryCredentials;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.track.ConfiguredHolds;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jenkins.MasterToSlaveFileCallable;

/**
 * A step's work, sent to the agent that holds the workspace and run there by the engine. What it
 * carries and returns is plain Java types (the remoting class filter refuses a bundled library's
 * classes); the engine's refusals come back as {@link AbortException}, a message without a stack
 * trace.
 */
abstract class AgentWork extends MasterToSlaveFileCallable<LinkedHashMap<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> variables;
    private final HashMap<String, String[]> logins;
    private final HashSet<String> plainHttpHosts;
    private final HashMap<String, String> holds;
    private final String temporaryFolder;
    private final TaskListener listener;
    private final HashMap<String, String> refusedRegistries;
    private final LinkedHashMap<String, String> quotas;

    AgentWork(StepInputs inputs) {
        this.variables = new HashMap<>(inputs.variables());
        this.logins = new HashMap<>(inputs.logins());
        this.plainHttpHosts = new HashSet<>(inputs.plainHttpHosts());
        this.holds = new HashMap<>(inputs.holds());
        this.temporaryFolder = inputs.temporaryFolder();
        this.listener = inputs.listener();
        this.refusedRegistries = new HashMap<>(inputs.refusedRegistries());
        this.quotas = new LinkedHashMap<>(inputs.quotas());
    }

    /** The registries the job may not use (another folder's), for the work to check its registry against. */
    final RegistryRefusals refusals() {
        return RegistryRefusals.of(refusedRegistries);
    }

    /** The quotas of the configuration and of the job's folders, read on the agent (plain text crosses the channel). */
    final List<Quota> configuredQuotas() {
        List<Quota> all = new ArrayList<>();
        quotas.forEach((where, text) -> all.addAll(ConfiguredQuotas.parse(text, where)));
        return all;
    }

    @Override
    public final LinkedHashMap<String, Object> invoke(File workspace, VirtualChannel channel)
            throws IOException, InterruptedException {
        Map<String, RegistryCredentials> credentials = new HashMap<>();
        logins.forEach((host, login) -> credentials.put(host, RegistryCredentials.of(login[0], login[1])));
        Consumer<String> log = line -> listener.getLogger().println(line);
        try (StepEnvironment environment = StepEnvironment.open(new StepEnvironment.Settings(variables, credentials,
                plainHttpHosts, Path.of(temporaryFolder)), new LauncherProcessRunner(listener, variables))) {
            return work(environment, ConfiguredHolds.of(holds), workspace.toPath(), log).toMap();
        } catch (RunRequestException | RegistryException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        } finally {
            // The log reaches the controller through a buffered remote stream: what the work said last must not be lost.
            listener.getLogger().flush();
        }
    }

    /** The step's own work, with the workspace on the agent. */
    abstract StepRecord work(StepEnvironment environment, ConfiguredHolds holds, Path workspace, Consumer<String> log)
            throws RunRequestException, RegistryException, IOException, InterruptedException;
}
