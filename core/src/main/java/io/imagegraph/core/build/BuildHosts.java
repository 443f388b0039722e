package io.imagegraph.core.build;

import io.imagegraph.core.process.ProcessRunner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The build hosts of a run, connected, in the order they were named. */
public final class BuildHosts {

    /** The builders of one host, given the environment that names its Engine. */
    @FunctionalInterface
    public interface ToolsFactory {
        BuildTools forEnvironment(Map<String, String> environment);
    }

    private final List<HostEngine> engines;

    private BuildHosts(List<HostEngine> engines) {
        this.engines = List.copyOf(engines);
    }

    /**
     * Each host with builders made for it: the base environment (registry logins' DOCKER_CONFIG and
     * such) plus the host's own {@code DOCKER_HOST} and TLS folder.
     */
    public static BuildHosts connect(List<BuildHost> hosts, ProcessRunner runner, String docker,
                                     Map<String, String> baseEnvironment, ToolsFactory factory) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a run on build hosts needs at least one host");
        }
        Set<String> names = new HashSet<>();
        List<HostEngine> engines = new ArrayList<>();
        for (BuildHost host : hosts) {
            if (!names.add(host.name())) {
                throw new IllegalArgumentException("the build host name " + host.name() + " is given twice;"
                        + " give each host its own name");
            }
            Map<String, String> environment = new HashMap<>(baseEnvironment);
            environment.remove("DOCKER_CERT_PATH");
            environment.remove("DOCKER_TLS_VERIFY");
            environment.putAll(host.environment());
            engines.add(new HostEngine(host, factory.forEnvironment(environment), runner, docker, environment));
        }
        return new BuildHosts(engines);
    }

    /**
     * The hosts a run builds on: those of the command line ({@code NAME=URL[,slots=N][,tls=DIR]})
     * when it names any, else the graph file's {@code hosts:} (name to {@code URL[,slots=N][,tls=DIR]});
     * empty: the local builders. Slots default to {@code defaultSlots}.
     */
    public static List<BuildHost> chosen(List<String> commandLine, Map<String, String> graphFile, int defaultSlots) {
        List<BuildHost> hosts = new ArrayList<>();
        if (!commandLine.isEmpty()) {
            commandLine.forEach(spec -> hosts.add(BuildHost.parse(spec, defaultSlots)));
        } else {
            graphFile.forEach((name, value) -> hosts.add(BuildHost.parse(name, value, defaultSlots)));
        }
        return hosts;
    }

    public List<HostEngine> engines() {
        return engines;
    }

    public int size() {
        return engines.size();
    }

    public int totalSlots() {
        return engines.stream().mapToInt(engine -> engine.host().slots()).sum();
    }

    public List<String> names() {
        return engines.stream().map(HostEngine::name).toList();
    }
}
