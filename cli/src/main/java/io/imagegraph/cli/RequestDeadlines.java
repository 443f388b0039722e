package io.imagegraph.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request has not fully arrived within the deadline of its opening.
 * An idle timeout alone does not stop a client that sends one byte of its headers every few
 * seconds; this does. Every answer closes its connection, so one deadline covers one request.
 */
final class RequestDeadlines implements Connection.Listener {

    private final Duration deadline;
    private final Scheduler scheduler;
    private final PrintWriter log;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

    RequestDeadlines(Duration deadline, Scheduler scheduler, PrintWriter log) {
        this.deadline = deadline;
        this.scheduler = scheduler;
        this.log = log;
    }

    @Override
    public void onOpened(Connection connection) {
        pending.put(connection, scheduler.schedule(() -> expire(connection), deadline));
    }

    @Override
    public void onClosed(Connection connection) {
        arrived(connection);
    }

    /** The connection's request has arrived, headers and body: it may take its time to be answered. */
    void arrived(Connection connection) {
        Scheduler.Task task = pending.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void expire(Connection connection) {
        if (pending.remove(connection) != null) {
            log.println("imagegraph: webhook from " + connection.getEndPoint().getRemoteSocketAddress()
                    + ": closed, its request did not arrive within " + deadline.toMillis() + " ms");
            log.flush();
            connection.getEndPoint().close();
        }
    }
}
