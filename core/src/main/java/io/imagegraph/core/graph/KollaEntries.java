package io.imagegraph.core.graph;

import io.imagegraph.core.kolla.KollaRenderer;
import io.imagegraph.core.kolla.KollaSettings;
import io.imagegraph.core.kolla.KollaTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kolla's {@code <docker>/**}{@code /<name>/Dockerfile.j2} templates as graph-file entries, one
 * image each, named {@code <imagePrefix><name>} as Kolla names them: each template is rendered
 * ({@link KollaRenderer}) into {@code .imagegraph/kolla/<name>/Dockerfile} under the root, which is
 * the image's Dockerfile, with the template's folder as its context. Parents come from the
 * rendered FROM lines ({@code FROM kolla/openstack-base:…}), so the Kolla namespace must be the
 * graph's. A change to {@code macros.j2}, a template override, Kolla's users.py or repos.yaml
 * affects every image. An entry the graph file itself gives for the same name wins.
 */
final class KollaEntries {

    /** Where rendered Dockerfiles go, under the root. */
    static final String RENDERED = ".imagegraph/kolla";

    private KollaEntries() {
    }

    static Map<String, ImageEntry> read(Path root, GraphFile file, String where, List<GraphProblem> problems) {
        KollaSettings kolla = file.kolla();
        String graphNamespace = (file.registry() == null ? "" : file.registry() + "/") + file.namespace();
        if (file.namespace() == null) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, where, "kolla needs the graph's"
                    + " namespace: Kolla's templates name their parents <namespace>/<name>:<tag>, so set namespace: "
                    + kolla.namespace() + " in " + GraphFile.FILE_NAME));
            return Map.of();
        }
        KollaSettings settings = withNamespace(kolla, graphNamespace);
        Path docker = root.resolve(settings.docker()).normalize();
        if (!docker.startsWith(root) || !Files.isDirectory(docker)) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, where, "kolla.docker '" + settings.docker()
                    + "' is not a folder under " + root + "; give the folder of Kolla's <name>/Dockerfile.j2 templates"));
            return Map.of();
        }
        List<Path> overrides = settings.templateOverrides().stream().map(o -> root.resolve(o).normalize()).toList();
        Path users = docker.resolveSibling("common").resolve("users.py");
        Path repos = docker.resolveSibling("template").resolve("repos.yaml");
        List<String> watch = new ArrayList<>();
        for (Path shared : concat(List.of(docker.resolve("macros.j2"), users, repos), overrides)) {
            if (Files.exists(shared) && shared.startsWith(root)) {
                watch.add(ImageFolderDiscovery.relative(root, shared));
            }
        }
        Map<String, ImageEntry> entries = new LinkedHashMap<>();
        try {
            KollaRenderer renderer = KollaRenderer.of(docker, settings, overrides, users, repos);
            for (Path dir : KollaTemplates.find(docker)) {
                String name = settings.imagePrefix() + dir.getFileName();
                String rendered = RENDERED + "/" + name + "/Dockerfile";
                try {
                    write(root.resolve(rendered), renderer.render(dir));
                } catch (KollaRenderer.KollaRenderException e) {
                    String folder = ImageFolderDiscovery.relative(root, docker) + "/";
                    problems.add(GraphProblem.error(GraphProblem.Kind.DOCKERFILE_SYNTAX, name,
                            folder + e.template() + (e.line() > 0 ? " line " + e.line() : ""),
                            e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                                    .replace("(rendering ", "(rendering " + folder)));
                    continue;
                }
                if (entries.containsKey(name)) {
                    problems.add(GraphProblem.error(GraphProblem.Kind.DUPLICATE_NAME, name, ImageFolderDiscovery.relative(root, dir),
                            "another Kolla template folder is also named " + dir.getFileName()));
                    continue;
                }
                entries.put(name, new ImageEntry(ImageFolderDiscovery.relative(root, dir), rendered, null,
                        BuilderKind.DOCKER, null, null, null, null, null, watch, null, null, null, null));
            }
        } catch (IOException e) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, where,
                    "Kolla's templates cannot be rendered: " + e.getMessage()));
            return Map.of();
        }
        return entries;
    }

    private static KollaSettings withNamespace(KollaSettings k, String namespace) {
        return new KollaSettings(k.docker(), k.base(), k.baseImage(), k.baseTag(), k.baseArch(), namespace, k.tag(),
                k.imagePrefix(), k.openstackRelease(), k.openstackReleaseCodename(), k.maintainer(),
                k.templateOverrides(), k.users(), k.variables());
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Writes the rendered Dockerfile, leaving an unchanged one untouched. */
    private static void write(Path file, String content) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
