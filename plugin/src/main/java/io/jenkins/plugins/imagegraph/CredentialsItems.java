package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;

/**
 * The credentials a step's {@code credentialsId} can name, for the Snippet Generator: username and
 * password ones for registries, others (secret text, secret file) where a parameter takes them.
 */
final class CredentialsItems {

    private CredentialsItems() {
    }

    static ListBoxModel forItem(Item item, String current) {
        return forItem(item, current, StandardUsernamePasswordCredentials.class, CredentialsMatchers.always());
    }

    /** The credentials of a type (and matching {@code matcher}) that {@code item} can use, for a form's list. */
    static ListBoxModel forItem(Item item, String current, Class<? extends StandardCredentials> type,
                                CredentialsMatcher matcher) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(current);
            }
            return result.includeEmptyValue().includeMatchingAs(ACL.SYSTEM2, Jenkins.get(),
                    type, Collections.emptyList(), matcher).includeCurrentValue(current);
        }
        if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue().includeMatchingAs(item instanceof Queue.Task task
                        ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item,
                type, Collections.emptyList(), matcher).includeCurrentValue(current);
    }
}
