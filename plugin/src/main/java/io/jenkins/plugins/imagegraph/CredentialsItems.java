package io.jenkins.plugins.imagegraph;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;

/** The username-and-password credentials a step's {@code credentialsId} can name, for the Snippet Generator. */
final class CredentialsItems {

    private CredentialsItems() {
    }

    static ListBoxModel forItem(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(current);
            }
            return result.includeEmptyValue().includeMatchingAs(ACL.SYSTEM2, Jenkins.get(),
                    StandardUsernamePasswordCredentials.class, Collections.emptyList(), CredentialsMatchers.always())
                    .includeCurrentValue(current);
        }
        if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue().includeMatchingAs(item instanceof Queue.Task task
                        ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item,
                StandardUsernamePasswordCredentials.class, Collections.emptyList(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }
}
