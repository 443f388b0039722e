package io.imagegraph.core.track;

import io.imagegraph.core.build.BuildReport;
import io.imagegraph.core.build.ImageResult;
import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.upstream.UpstreamRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which images of a run to compare with what an environment runs, for the deployment contract. */
public final class ContractPairs {

    /**
     * One comparison to make.
     *
     * @param image   the graph image
     * @param running what the environment runs, {@code registry/repository@digest}
     * @param next    what the run pushed, {@code registry/repository@digest}
     */
    public record Pair(String image, String running, String next) {
    }

    private ContractPairs() {
    }

    /** Each pushed image of the run that the environment runs a version of, with both references. */
    public static List<Pair> of(BuildReport run, List<DeploymentRecord> deployed, String environment) {
        List<Pair> pairs = new ArrayList<>();
        for (ImageResult image : run.images()) {
            Optional<ImageRef> pushed = image.tags().stream().map(ImageRef::parse)
                    .filter(ref -> ref.registry().isPresent()).findFirst();
            if (!image.status().isSuccess() || image.digest().isEmpty() || pushed.isEmpty()) {
                continue;
            }
            String repository = UpstreamRef.of(pushed.get()).toString();
            deployed.stream().filter(r -> r.environment().equals(environment) && r.repository().equals(repository))
                    .findFirst().ifPresent(r -> pairs.add(new Pair(image.name(), repository + "@" + r.digest(),
                            pushed.get().name() + "@" + image.digest().get())));
        }
        return pairs;
    }
}
