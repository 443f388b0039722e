package io.imagegraph.cli;

import io.imagegraph.core.build.BuildHost;
import io.imagegraph.core.build.BuildHosts;
import io.imagegraph.core.graph.GraphFile;
import io.imagegraph.core.graph.GraphFileException;
import io.imagegraph.core.graph.GraphFileReader;
import io.imagegraph.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --builder-host} and the graph file's {@code hosts:}, connected; empty when neither names a host. */
final class BuildHostOptions {

    private BuildHostOptions() {
    }

    static Optional<BuildHosts> connect(List<String> commandLine, Path root, int defaultSlots, ProcessRunner runner,
                                        String docker, Map<String, String> environment,
                                        BuildHosts.ToolsFactory tools) throws BadInputException {
        Map<String, String> fromFile = Map.of();
        Path file = root.resolve(GraphFile.FILE_NAME);
        if (commandLine.isEmpty() && Files.isRegularFile(file)) {
            try {
                fromFile = GraphFileReader.read(file, GraphFile.FILE_NAME).file().hosts();
            } catch (GraphFileException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<BuildHost> hosts;
        try {
            hosts = BuildHosts.chosen(commandLine, fromFile, defaultSlots);
            return hosts.isEmpty() ? Optional.empty()
                    : Optional.of(BuildHosts.connect(hosts, runner, docker, environment, tools));
        } catch (IllegalArgumentException e) {
            throw new BadInputException((commandLine.isEmpty() ? GraphFile.FILE_NAME + " hosts: " : "--builder-host ")
                    + e.getMessage());
        }
    }
}
