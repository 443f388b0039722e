package io.imagegraph.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.graph.ImageGraph;
import io.imagegraph.core.testing.GraphFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSelectorTest {

    @TempDir
    Path dir;
    private ImageGraph graph;

    @BeforeEach
    void graph() {
        graph = new GraphFixture(dir)
                .graphFile("""
                        profiles:
                          core: [keystone, /^glance/]
                        images:
                          nova-compute:
                            profiles: [compute]
                            unbuildable: {linux/arm64: no libvirt}
                          nova-compute-ironic:
                            profiles: [compute]
                        """)
                .image("base", "FROM scratch\n")
                .image("openstack-base", "FROM base\n")
                .image("keystone", "FROM openstack-base\n")
                .image("glance-api", "FROM openstack-base\n")
                .image("nova-compute", "FROM openstack-base\n")
                .image("nova-compute-ironic", "FROM nova-compute\n")
                .graph();
    }

    private static Selection selection(List<String> names, List<String> patterns, List<String> profiles,
                                       List<String> excludes, boolean parents, boolean children, String platform) {
        return new Selection(names, patterns, profiles, excludes, parents, children, Optional.ofNullable(platform));
    }

    private static List<String> selected(Map<String, SelectionDecision> decisions) {
        return decisions.entrySet().stream().filter(e -> e.getValue().selected()).map(Map.Entry::getKey).toList();
    }

    @Test
    void nothingGiven_selectsEverything() throws Exception {
        Map<String, SelectionDecision> decisions = ImageSelector.select(graph, Selection.all());
        assertThat(selected(decisions)).hasSize(6);
        assertThat(decisions.get("base").reason()).startsWith("every image is selected");
    }

    @Test
    void names_withParents() throws Exception {
        Map<String, SelectionDecision> decisions = ImageSelector.select(graph,
                selection(List.of("keystone"), List.of(), List.of(), List.of(), true, false, null));
        assertThat(selected(decisions)).containsExactly("base", "openstack-base", "keystone");
        assertThat(decisions.get("base").reason()).isEqualTo("a parent of keystone");
        assertThat(decisions.get("glance-api").reason()).isEqualTo("not named, matched or in a selected profile");
    }

    @Test
    void pattern_withChildren() throws Exception {
        Map<String, SelectionDecision> decisions = ImageSelector.select(graph,
                selection(List.of(), List.of("^nova-compute$"), List.of(), List.of(), false, true, null));
        assertThat(selected(decisions)).containsExactly("nova-compute", "nova-compute-ironic");
        assertThat(decisions.get("nova-compute").reason()).isEqualTo("matches /^nova-compute$/");
        assertThat(decisions.get("nova-compute-ironic").reason()).isEqualTo("a child of nova-compute");
    }

    @Test
    void profiles_fromTheGraphFileListAndFromImages() throws Exception {
        assertThat(selected(ImageSelector.select(graph,
                selection(List.of(), List.of(), List.of("core"), List.of(), false, false, null))))
                .containsExactly("glance-api", "keystone");
        assertThat(selected(ImageSelector.select(graph,
                selection(List.of(), List.of(), List.of("compute"), List.of(), false, false, null))))
                .containsExactly("nova-compute", "nova-compute-ironic");
    }

    @Test
    void excludes_byNameOrRegex() throws Exception {
        Map<String, SelectionDecision> decisions = ImageSelector.select(graph,
                selection(List.of(), List.of(), List.of(), List.of("base", "ironic$"), false, false, null));
        assertThat(selected(decisions)).containsExactly("openstack-base", "glance-api", "keystone", "nova-compute");
        assertThat(decisions.get("base").reason()).isEqualTo("excluded by name");
        assertThat(decisions.get("nova-compute-ironic").reason()).isEqualTo("excluded by /ironic$/");
    }

    @Test
    void unbuildableOnPlatform_leavesOutTheImageAndWhatIsBuiltOnIt() throws Exception {
        Map<String, SelectionDecision> decisions = ImageSelector.select(graph,
                selection(List.of(), List.of(), List.of(), List.of(), false, false, "linux/arm64"));
        assertThat(decisions.get("nova-compute").reason()).isEqualTo("unbuildable on linux/arm64: no libvirt");
        assertThat(decisions.get("nova-compute-ironic").reason())
                .isEqualTo("built on nova-compute, which is unbuildable on linux/arm64");
        assertThat(selected(decisions)).hasSize(4);
    }

    @Test
    void unknownName_isRefusedWithASuggestion() {
        assertThatThrownBy(() -> ImageSelector.select(graph,
                selection(List.of("kestone"), List.of(), List.of(), List.of(), false, false, null)))
                .isInstanceOf(SelectionException.class)
                .hasMessage("there is no image 'kestone' in the graph (did you mean keystone?)");
    }

    @Test
    void unknownProfile_isRefused() {
        assertThatThrownBy(() -> ImageSelector.select(graph,
                selection(List.of(), List.of(), List.of("cor"), List.of(), false, false, null)))
                .hasMessageContaining("there is no profile 'cor'").hasMessageContaining("(did you mean core?)");
    }

    @Test
    void invalidRegex_isRefused() {
        assertThatThrownBy(() -> ImageSelector.select(graph,
                selection(List.of(), List.of("nova["), List.of(), List.of(), false, false, null)))
                .hasMessageStartingWith("--match 'nova[' is not a valid regular expression");
    }
}
