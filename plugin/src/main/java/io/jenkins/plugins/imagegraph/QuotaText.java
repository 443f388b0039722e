package io.jenkins.plugins.imagegraph;

import hudson.util.FormValidation;
import io.imagegraph.core.quota.ConfiguredQuotas;

/** The form check of a quotas field: what the engine says of the text. */
final class QuotaText {

    private QuotaText() {
    }

    static FormValidation check(String text, String where) {
        try {
            int count = ConfiguredQuotas.parse(text, where).size();
            return count == 0 ? FormValidation.ok("no quotas besides the graph file's")
                    : FormValidation.ok(count + (count == 1 ? " quota" : " quotas") + ", besides the graph file's");
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
