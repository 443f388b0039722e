package io.jenkins.plugins.imagegraph;

import io.imagegraph.core.graph.LoadOptions;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.run.RunRequestException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a step's work finds and reads the graph, carried to the agent as plain strings: the graph
 * root under the workspace, the graph file, the builder and platform, and the configured LOCI
 * settings (for graph files without a {@code loci} section).
 */
final class GraphSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String graphFile;
    private final String builder;
    private final String platform;
    private final String lociContext;
    private final String lociRef;
    private final String lociBase;
    private final String lociWheels;

    /**
     * @param builder the step's builder; blank: the configured default
     */
    GraphSettings(String dir, String graphFile, String builder, String platform, ImageGraphConfiguration configuration) {
        this.dir = dir;
        this.graphFile = graphFile;
        this.builder = builder == null || builder.isBlank() ? configuration.getDefaultBuilder() : builder;
        this.platform = platform;
        this.lociContext = configuration.getLociContext();
        this.lociRef = configuration.getLociRef();
        this.lociBase = configuration.getLociBase();
        this.lociWheels = configuration.getLociWheels();
    }

    Path root(Path workspace) {
        return StepOptions.root(workspace, dir);
    }

    LoadOptions load() throws RunRequestException {
        return StepOptions.load(graphFile, builder, platform, StepOptions.loci(lociContext, lociRef, lociBase, lociWheels));
    }

    String platform() {
        return platform;
    }
}
