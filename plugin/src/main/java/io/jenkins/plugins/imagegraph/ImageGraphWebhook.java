package io.jenkins.plugins.imagegraph;

import hudson.Extension;
import hudson.model.Job;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.csrf.CrumbExclusion;
import hudson.util.HttpResponses;
import io.imagegraph.core.upstream.RebuildCause;
import io.imagegraph.core.upstream.WatchedJob;
import io.imagegraph.core.upstream.WebhookRejectedException;
import io.imagegraph.core.upstream.WebhookSecret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * {@code POST /image-graph-webhook/}: a registry's push notification (CNCF distribution, Quay,
 * Docker Hub), authenticated by the configured shared secret ({@code Authorization: Bearer},
 * {@code X-Imagegraph-Token} or {@code ?token=}). Every job with the image-change trigger whose
 * watches the push moved is started, when the job may use the pushed registry (not one configured
 * only on another folder). The pushed digest is confirmed with the registries the job's folders and
 * the global configuration give it; when that fails, the answer says what to configure where. A
 * request without the secret changes nothing.
 */
@Extension
public final class ImageGraphWebhook implements UnprotectedRootAction {

    static final String URL_NAME = "image-graph-webhook";

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "image-graph webhook";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * Answers every request with a sentence: 503 while no usable secret is configured, 401 for a
     * missing or wrong one, 200 with the jobs started (and the jobs whose registry could not
     * confirm the push), 502 saying which registry to configure where when no job could be started
     * because of that; never a stack trace.
     */
    @RequirePOST
    public HttpResponse doIndex(StaplerRequest request) throws IOException {
        // The body first: for a form content type, getParameter would read (and use up) the body.
        byte[] body = request.getInputStream().readAllBytes();
        Optional<WebhookSecret> secret;
        try {
            secret = ImageGraphConfiguration.get().webhook();
        } catch (IllegalArgumentException e) {
            return HttpResponses.errorWithoutStack(503, "the stored webhook secret is not usable (" + e.getMessage()
                    + "); set a new one in Manage Jenkins > System > Image Graph. Every request is refused until then");
        }
        if (secret.isEmpty()) {
            return HttpResponses.errorWithoutStack(503, "no webhook secret is configured (Manage Jenkins > System >"
                    + " Image Graph), so every request is refused");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        Optional<String> token = Optional.ofNullable(request.getParameter("token"));
        List<String> started = new ArrayList<>();
        List<String> unconfirmed = new ArrayList<>();
        try {
            secret.get().check(headers, token);
            try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
                for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                    if (!ImageChangeTrigger.isOn(job)) {
                        continue;
                    }
                    JobAccess access = JobAccess.of(job);
                    Optional<WatchedJob> watches = ImageChangeTrigger.watchesOf(job, access);
                    if (watches.isEmpty()) {
                        continue;
                    }
                    Optional<RebuildCause> cause;
                    try {
                        cause = watches.get().receive(secret.get(), headers, token, body);
                    } catch (WebhookRejectedException e) {
                        if (e.registry().isEmpty()) {
                            throw e;
                        }
                        unconfirmed.add(job.getFullName() + ": " + access.scope().unconfirmed(e.registry().get(),
                                e.getMessage()));
                        continue;
                    }
                    if (cause.isPresent()) {
                        ImageChangeTrigger.start(job, cause.get());
                        started.add(job.getFullName());
                    }
                }
            }
        } catch (WebhookRejectedException e) {
            return HttpResponses.errorWithoutStack(e.status(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResponses.errorWithoutStack(503, "interrupted");
        }
        if (started.isEmpty() && !unconfirmed.isEmpty()) {
            return HttpResponses.errorWithoutStack(502, String.join("\n", unconfirmed));
        }
        JSONObject answer = new JSONObject();
        answer.put("started", JSONArray.fromObject(started));
        if (!unconfirmed.isEmpty()) {
            answer.put("unconfirmed", JSONArray.fromObject(unconfirmed));
        }
        return HttpResponses.okJSON(answer);
    }

    /** Registries post without a Jenkins crumb; the shared secret authenticates them instead. */
    @Extension
    public static final class CrumbExclusionImpl extends CrumbExclusion {

        @Override
        public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path = request.getPathInfo();
            if (path != null && (path.equals("/" + URL_NAME) || path.startsWith("/" + URL_NAME + "/"))) {
                chain.doFilter(request, response);
                return true;
            }
            return false;
        }
    }
}
