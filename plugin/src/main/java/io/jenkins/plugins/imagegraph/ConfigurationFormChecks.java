package io.jenkins.plugins.imagegraph;

import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.imagegraph.core.pipeline.StepOptions;
import io.imagegraph.core.provenance.KeyFileException;
import io.imagegraph.core.provenance.VerificationKey;
import io.imagegraph.core.quota.ConfiguredQuotas;
import io.imagegraph.core.registry.RegistryText;
import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.run.PruneRun;
import io.imagegraph.core.run.RunRequestException;
import io.imagegraph.core.upstream.WebhookSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * The checks of the global configuration's form ({@link ImageGraphConfiguration}, whose
 * {@code doCheck*} and {@code doFill*} methods, at the URLs the page uses, check the permission and
 * ask these), and the refusal of a Save whose values the engine cannot use. The decisions are the
 * engine's; this class puts them in Jenkins' words.
 */
final class ConfigurationFormChecks {

    private ConfigurationFormChecks() {
    }

    /**
     * Refuses the submitted form when the webhook secret, the quotas or a registry cannot be used,
     * naming the field, the value and what to write instead.
     */
    static void refuseUnusable(JSONObject json) throws FormException {
        Optional<String> refused = webhookRefusal(Secret.fromString(json.optString("webhookSecret", "")));
        if (refused.isPresent()) {
            throw new FormException("Webhook secret: " + refused.get(), "webhookSecret");
        }
        try {
            ConfiguredQuotas.parse(json.optString("quotas", ""), "the global configuration");
        } catch (IllegalArgumentException e) {
            throw new FormException("Storage quotas: " + e.getMessage(), "quotas");
        }
        for (JSONObject registry : entries(json.opt("registries"))) {
            Optional<String> unusable = RegistryText.refusal(registry.optString("url", ""),
                    RegistrySettings.kind(registry.optString("kind", "")));
            if (unusable.isPresent()) {
                throw new FormException("Registries: " + unusable.get() + "; the configuration is not saved", "registries");
            }
        }
    }

    /** A repeatable field's entries: none, one (an object) or several (an array). */
    private static List<JSONObject> entries(Object listed) {
        List<JSONObject> entries = new ArrayList<>();
        if (listed instanceof JSONObject one) {
            entries.add(one);
        } else if (listed instanceof JSONArray many) {
            for (Object entry : many) {
                if (entry instanceof JSONObject object) {
                    entries.add(object);
                }
            }
        }
        return entries;
    }

    /** Why the webhook endpoint would refuse this secret; empty for none or a usable one. */
    static Optional<String> webhookRefusal(Secret secret) {
        if (secret == null || secret.getPlainText().isBlank()) {
            return Optional.empty();
        }
        try {
            WebhookSecret.of(secret.getPlainText());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    static FormValidation webhookSecret(Secret value) {
        if (value == null || value.getPlainText().isBlank()) {
            return FormValidation.ok("without a secret the webhook endpoint refuses every request");
        }
        return webhookRefusal(value).map(reason -> FormValidation.error(reason + "; the configuration is not saved with it"))
                .orElse(FormValidation.ok());
    }

    static FormValidation provenancePublicKey(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            return FormValidation.ok("key " + VerificationKey.parse(value.getBytes(java.nio.charset.StandardCharsets
                    .US_ASCII), "the key").keyId());
        } catch (KeyFileException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static ListBoxModel builderItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("docker", "docker");
        items.add("buildah", "buildah");
        return items;
    }

    static FormValidation slots(String value) {
        try {
            int slots = value == null || value.isBlank() ? 0 : Integer.parseInt(value.strip());
            StepOptions.slots(slots);
            return slots == 0 ? FormValidation.ok("as many as the agent has cores") : FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error("a whole number: how many images build at once (0: the agent's cores)");
        } catch (RunRequestException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation loci(String context, String ref) {
        try {
            StepOptions.loci(context, ref, null, null);
            return FormValidation.ok();
        } catch (RunRequestException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation retention(String minAge, String protectedTags) {
        try {
            PruneRun.policy(RetentionPolicy.defaults(), Optional.empty(), StepOptions.optional(minAge),
                    protectedTags == null ? List.of() : protectedTags.lines().map(String::strip)
                            .filter(line -> !line.isEmpty()).toList());
            return FormValidation.ok();
        } catch (RunRequestException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
