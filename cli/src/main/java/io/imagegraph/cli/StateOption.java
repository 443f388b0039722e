package io.imagegraph.cli;

import io.imagegraph.core.state.StateDirectory;
import java.nio.file.Path;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.run.RunStateFolder;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --state DIR}: the folder where image-graph keeps what it tracks over time. */
final class StateOption {

    static final String ENVIRONMENT = StateDirectory.ENVIRONMENT;

    @Option(names = "--state", paramLabel = "DIR",
            description = "The folder where image-graph keeps what it tracks over time: lineage, tag history, holds,"
                    + " upstream digests, the promotion journal. Default: the folder a build report names (a"
                    + " promotion refuses another), else $" + ENVIRONMENT + ", else <graph root>/.imagegraph, else"
                    + " ./.imagegraph.")
    Path folder;

    /** The state folder for a command that works on a graph rooted at {@code root}. */
    StateDirectory forGraph(Path root) {
        return folder != null ? StateDirectory.at(folder) : StateDirectory.forGraph(root, System.getenv());
    }

    /**
     * The state folder of the run whose report a command changes things for (promote, rollback):
     * the one the report names, checked against --state and $IMAGEGRAPH_STATE; refused when it
     * cannot be found, so that holds are never silently skipped.
     */
    StateDirectory ofRun(Path report) throws BadInputException {
        try {
            return RunStateFolder.of(report, Optional.ofNullable(folder), System.getenv());
        } catch (RunRequestException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /**
     * The state folder for a command that only reads a run's report: the one the report names,
     * else the run's own when the report sits in {@code <root>/.imagegraph/runs/<run>/}, else
     * {@code ./.imagegraph}.
     */
    StateDirectory forReport(Path report) {
        Optional<Path> recorded = RunStateFolder.recorded(report);
        if (folder == null && recorded.isPresent()) {
            return StateDirectory.at(recorded.get());
        }
        Path runs = report.toAbsolutePath().normalize().getParent();
        runs = runs == null ? null : runs.getParent();
        Path fallback = runs != null && runs.getFileName() != null && runs.getFileName().toString().equals("runs")
                && runs.getParent() != null ? runs.getParent() : Path.of(".imagegraph");
        return StateDirectory.at(resolve(fallback, System.getenv()));
    }

    /**
     * The state folder of a command that changes tracked state and has neither graph nor report:
     * refused when it does not exist, rather than working on an empty one.
     */
    StateDirectory existing() throws BadInputException {
        StateDirectory state = standalone();
        if (!java.nio.file.Files.isDirectory(state.folder())) {
            throw new BadInputException("the state folder " + state.folder() + " does not exist; give --state DIR (the"
                    + " folder the builds and promotions used, <graph root>/.imagegraph by default) or --report with a"
                    + " build report that names it");
        }
        return state;
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
