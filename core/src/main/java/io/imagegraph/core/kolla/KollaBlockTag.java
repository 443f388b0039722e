package io.imagegraph.core.kolla;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.output.OutputNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import java.util.List;
import java.util.Map;

/**
 * {@code {% block name %}} as Jinja2 has it, for Kolla's templates, which put blocks inside
 * {@code {% if %}} and inside other blocks — where Jinjava's own block tag fails ("Block
 * placeholder not resolved"). In the template-override file (the child, which extends the image's
 * template) a block is recorded, not output; in the image's template a block renders at once: the
 * override's block of that name if there is one (its {@code super()} being the template's own), else
 * its own body, in a scope of its own.
 */
final class KollaBlockTag implements Tag {

    /** Context key of the override's blocks, by name. */
    static final String OVERRIDES = "__imagegraph_kolla_block_overrides";
    /** Context key set while the override file (the child template) itself is rendered. */
    static final String IN_OVERRIDE = "__imagegraph_kolla_in_override";

    @Override
    public String getName() {
        return "block";
    }

    @Override
    public String getEndTagName() {
        return "endblock";
    }

    @Override
    @SuppressWarnings("unchecked")
    public OutputNode interpretOutput(TagNode tagNode, JinjavaInterpreter interpreter) {
        String name = tagNode.getHelpers().strip().split("\\s+")[0];
        Map<String, List<Node>> overrides = (Map<String, List<Node>>) interpreter.getContext().get(OVERRIDES);
        boolean inOverride = interpreter.getContext().getCurrentPathStack().peek().isEmpty()
                && Boolean.TRUE.equals(interpreter.getContext().get(IN_OVERRIDE));
        if (inOverride && overrides != null) {
            overrides.putIfAbsent(name, tagNode.getChildren());
            return new RenderedOutputNode("");
        }
        List<Node> own = tagNode.getChildren();
        List<Node> body = overrides != null && overrides.containsKey(name) ? overrides.get(name) : own;
        StringBuilder out = new StringBuilder();
        try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
            if (body != own) {
                interpreter.getContext().setSuperBlock(own);
            }
            for (Node node : body) {
                out.append(node.render(interpreter).getValue());
            }
            interpreter.getContext().removeSuperBlock();
        }
        return new RenderedOutputNode(out.toString());
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        return interpretOutput(tagNode, interpreter).getValue();
    }
}
