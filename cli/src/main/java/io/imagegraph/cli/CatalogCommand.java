package io.imagegraph.cli;

import io.imagegraph.core.catalog.Catalog;
import io.imagegraph.core.catalog.CatalogFilter;
import io.imagegraph.core.catalog.CatalogJson;
import io.imagegraph.core.catalog.CatalogScanner;
import io.imagegraph.core.catalog.CatalogSource;
import io.imagegraph.core.catalog.CatalogSources;
import io.imagegraph.core.catalog.DigestFacts;
import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.state.StateDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog",
        header = "One list of the repositories, tags and digests of several registries.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "List, across the graph file's registry and every --registry: each repository (from /v2/_catalog where"
                    + " the registry allows it, else from the graph, the upstream watches and the state's records),"
                    + " its tags with their digests and how long ago they moved there (the tag history), and for each"
                    + " digest whether it was promoted, tested (a passing gate), held (directly or through a held"
                    + " ancestor, by lineage), deployed (imagegraph deployed) and attested (signed attestations"
                    + " refer to it). Tag lists follow the registry's pages (Link headers).",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph catalog --registry 127.0.0.1:5000 --registry quay.io",
            "  imagegraph catalog --deployed --held        # am I running anything vulnerable?",
            "  imagegraph catalog --repository '^acme/' -o json",
            "",
            "Exit codes: 0 listed (problems with single repositories are printed); 1 a registry could not be read;"
                    + " 2 bad input."
        })
final class CatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GraphOptions graphOptions;

    @Option(names = {"-r", "--registry"}, paramLabel = "HOST[:PORT]",
            description = "A registry to list, besides the graph file's (repeatable).")
    List<String> registries = new ArrayList<>();

    @Option(names = "--held", description = "Only digests that are held, directly or through a held ancestor.")
    boolean held;

    @Option(names = "--deployed", description = "Only digests deployed somewhere (imagegraph deployed).")
    boolean deployed;

    @Option(names = "--repository", paramLabel = "REGEX",
            description = "Only repositories matching REGEX (searched in 'repository' and 'registry/repository').")
    String repository;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
            description = "How many repositories or tags to ask for a page (Quay gives at most 100). Default: ${DEFAULT-VALUE}.")
    int pageSize;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "How many repositories are read at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Mixin
    StateOption stateOption;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    ReportFormatOption output;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException, RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json("catalog");
        if (pageSize < 1 || parallel < 1) {
            throw new BadInputException("--page-size and --parallel must be at least 1");
        }
        for (String host : registries) {
            try {
                RegistryHost.parse(host);
            } catch (InvalidReferenceException e) {
                throw new BadInputException("--registry " + e.getMessage());
            }
        }
        Optional<Pattern> pattern;
        try {
            pattern = Optional.ofNullable(repository).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new BadInputException("--repository is not a regular expression: " + e.getDescription());
        }
        Optional<ImageGraph> graph = graph(err);
        StateDirectory state = stateOption.forGraph(graph.map(ImageGraph::root).orElse(graphOptions.dir));
        DigestFacts facts = DigestFacts.read(state);
        List<CatalogSource> sources = CatalogSources.of(graph, registries, facts);
        if (sources.isEmpty()) {
            throw new BadInputException("no registry to list: give --registry HOST, or run in a graph whose graph file"
                    + " names a registry");
        }
        Catalog catalog = new CatalogScanner(registryOptions.registries(new LocalProcessRunner(), null), pageSize,
                parallel).scan(sources, facts, new CatalogFilter(held, deployed, pattern));
        if (json) {
            CatalogJson.write(catalog, Instant.now(), out);
        } else {
            catalog.registries().forEach(listing -> err.println("imagegraph: " + listing.registry() + ": "
                    + listing.note()));
            out.print(CatalogTable.render(catalog, Instant.now()));
        }
        catalog.problems().forEach(problem -> err.println("imagegraph: " + problem));
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    /** The graph under --dir, when there is one there; the catalog also works without. */
    private Optional<ImageGraph> graph(PrintWriter err) throws BadInputException {
        boolean present = graphOptions.graphFile != null || Files.isDirectory(graphOptions.dir.resolve("images"))
                || Files.exists(graphOptions.dir.resolve("imagegraph.yaml"));
        return present ? Optional.of(graphOptions.load(err).graph()) : Optional.empty();
    }

}
