package io.imagegraph.core.testing;

import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs processes for real on this machine and records each one's command line, to count the calls a class makes. */
public final class RecordingRunner implements ProcessRunner {

    private final LocalProcessRunner local = new LocalProcessRunner();
    private final List<List<String>> argvs = new CopyOnWriteArrayList<>();

    @Override
    public int run(ProcessSpec spec, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException {
        argvs.add(spec.argv());
        return local.run(spec, stdout, stderr);
    }

    /** The command lines run so far, oldest first. */
    public List<List<String>> argvs() {
        return argvs;
    }

    /** Forgets the command lines run so far. */
    public void clear() {
        argvs.clear();
    }
}
