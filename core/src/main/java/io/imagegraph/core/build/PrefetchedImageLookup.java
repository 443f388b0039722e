package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Docker Engine's image store, looked up for a whole run at once: {@link #prefetch} lists every
 * tagged image with one {@code docker image ls} and keeps, for each reference the run will look up,
 * whether it was there and its image ID; the first {@link #find} of such a reference is answered from
 * that list, without starting a docker client (one per look-up, 0.1 to 0.2 s each, was most of the
 * engine's own cost per image). Only the first answer is kept, and a {@link #tag} of the reference
 * drops it, so what the run itself changes later is always asked of the Engine. Everything else is
 * delegated to a {@link LocalImageLookup}.
 */
public final class PrefetchedImageLookup implements ImageLookup, ImageLayers, ImageSize {

    private final LocalImageLookup store;
    private final ProcessRunner runner;
    private final List<String> list;
    private final Map<String, String> environment;
    private final Map<String, Optional<String>> answers = new ConcurrentHashMap<>();

    public PrefetchedImageLookup(LocalImageLookup store, ProcessRunner runner, String program, Map<String, String> environment) {
        this.store = store;
        this.runner = runner;
        this.list = List.of(program, "image", "ls", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}}\t{{.ID}}");
        this.environment = Map.copyOf(environment);
    }

    /**
     * Lists the store once and remembers, for each of {@code references}, its image ID or that it
     * is not there. Returns how many were found; when the list cannot be read, nothing is
     * remembered and every look-up asks the Engine as before. A run cancelled before or while the
     * list is read remembers nothing either, and the thread stays interrupted, so the scheduler
     * cancels the images as it would have without the list.
     */
    public int prefetch(Collection<String> references) {
        CapturedRun run;
        try {
            run = CapturedRun.run(runner, new ProcessSpec(list, environment, Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (!run.succeeded()) {
            return 0;
        }
        Map<String, String> tagged = new HashMap<>();
        run.stdout().lines().forEach(line -> {
            int tab = line.indexOf('\t');
            if (tab > 0 && !line.startsWith("<none>") && !line.substring(0, tab).endsWith(":<none>")) {
                tagged.putIfAbsent(line.substring(0, tab), line.substring(tab + 1).strip());
            }
        });
        int found = 0;
        for (String reference : references) {
            Optional<String> id = Optional.ofNullable(tagged.get(familiar(reference)))
                    .map(value -> value.contains(":") ? value : "sha256:" + value);
            answers.put(reference, id);
            found += id.isPresent() ? 1 : 0;
        }
        return found;
    }

    @Override
    public Optional<String> find(String reference) throws ImageBuildException, InterruptedException {
        Optional<String> listed = answers.remove(reference);
        return listed != null ? listed : store.find(reference);
    }

    @Override
    public void tag(String imageId, String reference) throws ImageBuildException, InterruptedException {
        answers.remove(reference);
        store.tag(imageId, reference);
    }

    @Override
    public Optional<List<String>> diffIds(String image) throws InterruptedException {
        return store.diffIds(image);
    }

    /** Asked of the Engine (a size is never prefetched): what a push would add, for the quotas ({@link PushQuotas}). */
    @Override
    public java.util.OptionalLong bytes(String image) throws InterruptedException {
        return store.bytes(image);
    }

    /**
     * A reference as {@code docker image ls} shows it: without the {@code docker.io/} registry,
     * and without {@code library/} for Docker Hub's official images.
     */
    static String familiar(String reference) {
        String name = reference;
        for (String hub : List.of("docker.io/", "index.docker.io/")) {
            if (name.startsWith(hub)) {
                name = name.substring(hub.length());
                if (name.startsWith("library/") && name.indexOf('/', "library/".length()) < 0) {
                    name = name.substring("library/".length());
                }
                break;
            }
        }
        return name;
    }
}
