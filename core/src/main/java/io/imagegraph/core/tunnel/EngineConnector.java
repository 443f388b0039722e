package io.imagegraph.core.tunnel;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Opens one connection to a Docker Engine that may be elsewhere (another Jenkins agent): what an
 * {@link EngineTunnel} forwards each docker client connection through.
 */
@FunctionalInterface
public interface EngineConnector {

    /**
     * Connects to the Engine. The Engine's bytes are written to {@code toClient}, which is closed
     * when the Engine ends its side or the connection is lost; bytes written to the returned stream
     * reach the Engine, and closing it ends only the client's side (the Engine may still answer).
     *
     * @throws IOException when the Engine cannot be reached, with the reason
     */
    OutputStream open(OutputStream toClient) throws IOException, InterruptedException;
}
