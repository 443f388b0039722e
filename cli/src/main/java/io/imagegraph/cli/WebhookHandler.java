package io.imagegraph.cli;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.upstream.UpstreamCheck;
import io.imagegraph.core.upstream.WebhookOutcomeJson;
import io.imagegraph.core.upstream.WebhookReceiver;
import io.imagegraph.core.upstream.WebhookRejectedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the webhook's requests: {@code POST /webhook} exactly, with the shared secret (checked
 * before the body is read), a body of at most the limit (read without holding a thread), handed
 * to the receiver on a worker thread. Every answer is JSON and closes its connection. A refused
 * request's body is still read and discarded (up to a limit) before the answer, so that a client
 * that sends its whole body before reading gets the answer, not a reset connection.
 */
final class WebhookHandler extends Handler.Abstract {

    private final WebhookReceiver receiver;
    private final WebhookServer.Recorder recorded;
    private final PrintWriter log;
    private final WebhookLimits limits;
    private final RequestDeadlines deadlines;
    private final Executor work;

    WebhookHandler(WebhookReceiver receiver, WebhookServer.Recorder recorded, PrintWriter log, WebhookLimits limits,
                   RequestDeadlines deadlines, Executor work) {
        super(InvocationType.NON_BLOCKING);
        this.receiver = receiver;
        this.recorded = recorded;
        this.log = log;
        this.limits = limits;
        this.deadlines = deadlines;
        this.work = work;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        String from = Request.getRemoteAddr(request);
        if (!WebhookServer.PATH.equals(request.getHttpURI().getPath())) {
            refuse(request, response, callback, from, 404, "there is nothing at " + request.getHttpURI().getPath()
                    + "; the webhook is POST " + WebhookServer.PATH);
            return true;
        }
        if (!request.getMethod().equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            refuse(request, response, callback, from, 405, "send the payload with POST");
            return true;
        }
        Map<String, List<String>> headers = headers(request);
        Optional<String> token = Optional.ofNullable(Request.extractQueryParameters(request).getValue("token"));
        try {
            receiver.authenticate(headers, token);
        } catch (WebhookRejectedException e) {
            refuse(request, response, callback, from, e.status(), e.getMessage());
            return true;
        }
        if (request.getLength() > limits.maxBody()) {
            refuse(request, response, callback, from, 413, tooLarge());
            return true;
        }
        BodyReader.read(request, limits.maxBody(), limits.maxDrained(), new BodyReader.Done() {
            @Override
            public void read(byte[] body, boolean larger, boolean ended) {
                deadlines.arrived(request.getConnectionMetaData().getConnection());
                if (larger) {
                    answerError(response, callback, from, 413, tooLarge());
                } else {
                    work.execute(() -> receive(headers, token, body, response, callback, from));
                }
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        });
        return true;
    }

    private String tooLarge() {
        return "the payload is larger than " + limits.maxBody() / 1024 + " KiB";
    }

    private void receive(Map<String, List<String>> headers, Optional<String> token, byte[] body, Response response,
                         Callback callback, String from) {
        try {
            WebhookReceiver.Outcome outcome = receiver.receive(headers, token, body);
            recorded.record(outcome.checks());
            for (UpstreamCheck check : outcome.checks()) {
                log.println("imagegraph: webhook from " + from + ": " + check.watch() + " " + check.status().id()
                        + " " + check.tag() + "@" + check.digest());
            }
            outcome.ignored().forEach(push -> log.println("imagegraph: webhook from " + from + ": " + push
                    + " is not watched; ignored"));
            log.flush();
            answer(response, callback, 200, WebhookOutcomeJson.toJson(outcome));
        } catch (WebhookRejectedException e) {
            answerError(response, callback, from, e.status(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answerError(response, callback, from, 503, "the receiver is stopping");
        } catch (IOException e) {
            answerError(response, callback, from, 500, "the state folder cannot be written: " + e.getMessage());
        }
    }

    /** Answers a request refused before its body was read, once the body is read (and discarded). */
    private void refuse(Request request, Response response, Callback callback, String from, int status, String why) {
        boolean continueExpected = request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
        if (continueExpected || request.getLength() > limits.maxDrained()) {
            // The client waits for a 100 Continue before sending the body, or sends more than is worth reading.
            deadlines.arrived(request.getConnectionMetaData().getConnection());
            answerError(response, callback, from, status, why);
            return;
        }
        BodyReader.read(request, 0, limits.maxDrained(), new BodyReader.Done() {
            @Override
            public void read(byte[] kept, boolean larger, boolean ended) {
                deadlines.arrived(request.getConnectionMetaData().getConnection());
                answerError(response, callback, from, status, why);
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        });
    }

    private void answerError(Response response, Callback callback, String from, int status, String message) {
        log.println("imagegraph: webhook from " + from + " refused (" + status + "): " + message);
        log.flush();
        answer(response, callback, status, error(message));
    }

    private static void answer(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static String error(String message) {
        return JsonDocuments.toString(json -> json.writeStringField("error", message));
    }
}
