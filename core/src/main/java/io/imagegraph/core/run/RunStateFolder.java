package io.imagegraph.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.build.BuildReportJson;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The state folder of the run a build report is from: holds, lineage, tag history and the
 * promotion journal of that run. A report records it ({@code stateFolder}); a report of an older
 * version is found by its place, {@code <root>/.imagegraph/runs/<run>/}. A folder given by
 * {@code --state} or {@code IMAGEGRAPH_STATE} must be that folder when the recorded one exists, so
 * that holds are never read from one folder and tag history written to another. A state folder
 * that cannot be found or does not exist is refused: never proceed as though nothing were held.
 */
public final class RunStateFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStateFolder() {
    }

    /**
     * @param report      the run's build-report.json
     * @param given       {@code --state}, or the folder the Jenkins step's environment names
     * @param environment where {@code IMAGEGRAPH_STATE} is looked up when nothing is given
     * @throws RunRequestException with a sentence saying which folder and what to give instead
     */
    public static StateDirectory of(Path report, Optional<Path> given, Map<String, String> environment)
            throws RunRequestException {
        Optional<Path> recorded = recorded(report);
        String variable = environment.get(StateDirectory.ENVIRONMENT);
        Optional<Path> asked = given.or(() -> variable == null || variable.isBlank() ? Optional.empty()
                : Optional.of(Path.of(variable)));
        String askedBy = given.isPresent() ? "--state" : "$" + StateDirectory.ENVIRONMENT;
        if (recorded.isPresent() && Files.isDirectory(recorded.get())) {
            if (asked.isPresent() && !same(asked.get(), recorded.get())) {
                throw new RunRequestException(report + " was built with the state folder " + recorded.get() + ", but "
                        + askedBy + " names " + asked.get() + ": its holds and tag history are in " + recorded.get()
                        + "; give --state " + recorded.get() + " or leave it out");
            }
            return StateDirectory.at(recorded.get());
        }
        Optional<Path> chosen = asked.or(() -> byPlace(report));
        if (chosen.isEmpty()) {
            throw new RunRequestException(recorded.map(folder -> report + " names the state folder " + folder
                    + ", which does not exist (moved or deleted?)").orElse(report + " names no state folder (an older"
                    + " imagegraph wrote it) and is not under <root>/.imagegraph/runs/<run>/")
                    + ": without it the holds and the tag history would be ignored; give --state DIR");
        }
        if (!Files.isDirectory(chosen.get())) {
            throw new RunRequestException("the state folder " + chosen.get() + (asked.isPresent() ? " (" + askedBy + ")"
                    : "") + " does not exist: without it the holds and the tag history of " + report
                    + " would be ignored; give --state with the folder the build used");
        }
        return StateDirectory.at(chosen.get());
    }

    /** The state folder a build report names, if it names one (and is readable). */
    public static Optional<Path> recorded(Path report) {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(report));
            JsonNode folder = root == null ? null : root.get(BuildReportJson.STATE_FOLDER);
            return folder == null || !folder.isTextual() || folder.asText().isBlank() ? Optional.empty()
                    : Optional.of(Path.of(folder.asText()));
        } catch (IOException | RuntimeException e) {
            // the report's own reader says what is wrong with it
            return Optional.empty();
        }
    }

    /** {@code <root>/.imagegraph} for a report in {@code <root>/.imagegraph/runs/<run>/}. */
    private static Optional<Path> byPlace(Path report) {
        Path run = report.toAbsolutePath().normalize().getParent();
        Path runs = run == null ? null : run.getParent();
        return runs != null && runs.getFileName() != null && runs.getFileName().toString().equals("runs")
                && runs.getParent() != null ? Optional.of(runs.getParent()) : Optional.empty();
    }

    private static boolean same(Path one, Path other) {
        try {
            return Files.isSameFile(one, other);
        } catch (IOException e) {
            return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
        }
    }
}
