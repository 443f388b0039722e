package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.graph.RecordTreeBinder.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTreeBinderTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    record Sample(String name, Integer count, List<String> tags, Map<String, List<String>> groups, BuilderKind builder,
                 Inner inner, List<Inner> inners, Map<String, Object> anything) {
    }

    record Inner(String id) {
        Inner {
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException("an id is not blank");
            }
        }
    }

    private static ObjectNode object() {
        return NODES.objectNode();
    }

    private static Problem problem(JsonNode tree) {
        try {
            RecordTreeBinder.bind(tree, Sample.class);
        } catch (Problem problem) {
            return problem;
        }
        throw new AssertionError("bound without a problem: " + tree);
    }

    @Test
    void bind_everyKindOfValue_asTheTreeHasIt() throws Exception {
        ObjectNode tree = object();
        tree.put("name", "keystone").put("count", " 3 ").put("builder", "buildah");
        tree.putArray("tags").add("a").add("b");
        tree.putObject("groups").putArray("core").add("x");
        tree.putObject("inner").put("id", "i");
        tree.putArray("inners").addObject().put("id", "j");
        ObjectNode anything = tree.putObject("anything");
        anything.put("s", "1.10");
        anything.putArray("l").add("x").addNull();
        anything.putObject("m").put("k", "v");
        anything.putNull("n");
        Sample bound = RecordTreeBinder.bind(tree, Sample.class);
        assertThat(bound.name()).isEqualTo("keystone");
        assertThat(bound.count()).isEqualTo(3);
        assertThat(bound.tags()).containsExactly("a", "b");
        assertThat(bound.groups()).containsExactly(Map.entry("core", List.of("x")));
        assertThat(bound.builder()).isEqualTo(BuilderKind.BUILDAH);
        assertThat(bound.inner()).isEqualTo(new Inner("i"));
        assertThat(bound.inners()).containsExactly(new Inner("j"));
        assertThat(bound.anything()).containsEntry("s", "1.10").containsEntry("m", Map.of("k", "v")).containsEntry("n", null);
        assertThat(bound.anything().get("l")).isEqualTo(Arrays.asList("x", null));
    }

    @Test
    void bind_missingAndNullValues_areNull() throws Exception {
        ObjectNode tree = object();
        tree.putNull("name");
        assertThat(RecordTreeBinder.bind(tree, Sample.class))
                .isEqualTo(new Sample(null, null, null, null, null, null, null, null));
    }

    @Test
    void unknownKey_isAProblemAtThatKey_withTheKeysThereAre() {
        ObjectNode tree = object();
        tree.putArray("inners").addObject().put("idd", "x");
        Problem problem = problem(tree);
        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNKNOWN_KEY);
        assertThat(problem.path()).containsExactly("inners", 0, "idd");
        assertThat(problem.key()).isEqualTo("idd");
        assertThat(problem.known()).containsExactly("id");
    }

    @Test
    void valueOfAnotherShape_isAProblem_namingTheTypeItMustBind() {
        ObjectNode scalarForList = object().put("tags", "a");
        assertThat(problem(scalarForList).kind()).isEqualTo(Problem.Kind.WRONG_TYPE);
        assertThat(problem(scalarForList).target()).isEqualTo(List.class);
        ObjectNode listForString = object();
        listForString.putArray("name").add("a");
        assertThat(problem(listForString).target()).isEqualTo(String.class);
        assertThat(problem(listForString).path()).containsExactly("name");
        assertThat(problem(object().put("inner", "i")).target()).isEqualTo(Inner.class);
        assertThat(problem(object().put("groups", "g")).target()).isEqualTo(Map.class);
        assertThatThrownBy(() -> RecordTreeBinder.bind(NODES.arrayNode(), Sample.class))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.path()).isEmpty());
    }

    @Test
    void textThatIsNoWholeNumber_isAProblem_ofItsType() {
        Problem problem = problem(object().put("count", "many"));
        assertThat(problem.kind()).isEqualTo(Problem.Kind.WRONG_TYPE);
        assertThat(problem.target()).isEqualTo(Integer.class);
    }

    @Test
    void enumValueItsFactoryRefuses_isAProblemWithTheFactorysReason() {
        Problem problem = problem(object().put("builder", "podman"));
        assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
        assertThat(problem.path()).containsExactly("builder");
        assertThat(problem).hasMessage("'podman' is not a builder; expected one of docker, buildah, loci, script");
    }

    @Test
    void recordItsConstructorRefuses_isAProblemAtTheRecord() {
        ObjectNode tree = object();
        ArrayNode inners = tree.putArray("inners");
        inners.addObject().put("id", "ok");
        inners.addObject().put("id", " ");
        ObjectNode tree2 = tree.deepCopy();
        ((ObjectNode) tree2.get("inners").get(0)).put("id", " ");
        Problem problem = problem(tree);
        assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
        assertThat(problem.path()).containsExactly("inners", 1);
        assertThat(problem).hasMessage("an id is not blank");
        assertThat(problem(tree2).path()).containsExactly("inners", 0);
    }

    record Unbindable(java.time.Duration every) {
    }

    @Test
    void componentOfATypeItCannotBind_isAProgrammingError_notAProblemOfTheFile() {
        ObjectNode tree = object().put("every", "1h");
        assertThatThrownBy(() -> RecordTreeBinder.bind(tree, Unbindable.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Duration");
    }
}
