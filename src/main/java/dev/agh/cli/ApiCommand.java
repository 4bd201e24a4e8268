package dev.agh.cli;

import dev.agh.app.Backend;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command that calls the service: opens the backend, runs, prints, closes. */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        RootCommand root = root();
        checkArguments();
        root.announceNewDataDirectory(err());
        Backend backend = root.openBackend();
        if (!backend.holdsTheStore()) {
            try (backend) {
                return run(backend, new Printer(spec.commandLine().getOut(), root.output()));
            }
        }
        try (CloseOnExit store = new CloseOnExit(backend)) {
            return run(backend, new Printer(spec.commandLine().getOut(), root.output()));
        }
    }

    /** Refuses arguments that cannot work before anything reaches the store (nothing by default). */
    protected void checkArguments() {}

    /** Does the work; returns the exit code. */
    protected abstract int run(Backend backend, Printer out);

    protected RootCommand root() {
        return spec.root().commandLine().getCommand();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
