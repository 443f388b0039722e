package io.imagegraph.cli;

import io.imagegraph.core.state.StateDirectory;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --state DIR}: the folder where image-graph keeps what it tracks over time. */
final class StateOption {

    static final String ENVIRONMENT = StateDirectory.ENVIRONMENT;

    @Option(names = "--state", paramLabel = "DIR",
            description = "The folder where image-graph keeps what it tracks over time: lineage, tag history, holds,"
                    + " upstream digests. Default: $" + ENVIRONMENT + ", else <graph root>/.imagegraph (for a build"
                    + " report under <root>/.imagegraph/runs/, that root), else ./.imagegraph.")
    Path folder;

    /** The state folder for a command that works on a graph rooted at {@code root}. */
    StateDirectory forGraph(Path root) {
        return folder != null ? StateDirectory.at(folder) : StateDirectory.forGraph(root, System.getenv());
    }

    /**
     * The state folder for a command that reads a run's report: the run's own state folder when
     * the report sits in {@code <root>/.imagegraph/runs/<run>/}, else {@code ./.imagegraph}.
     */
    StateDirectory forReport(Path report) {
        Path runs = report.toAbsolutePath().normalize().getParent();
        runs = runs == null ? null : runs.getParent();
        Path fallback = runs != null && runs.getFileName() != null && runs.getFileName().toString().equals("runs")
                && runs.getParent() != null ? runs.getParent() : Path.of(".imagegraph");
        return StateDirectory.at(resolve(fallback, System.getenv()));
    }

    /** The state folder of a command that has neither graph nor report. */
    StateDirectory standalone() {
        return StateDirectory.at(resolve(Path.of(".imagegraph"), System.getenv()));
    }

    Path resolve(Path fallback, Map<String, String> environment) {
        if (folder != null) {
            return folder;
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        return fromEnvironment != null && !fromEnvironment.isBlank() ? Path.of(fromEnvironment) : fallback;
    }
}
