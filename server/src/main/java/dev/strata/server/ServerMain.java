package dev.strata.server;

import dev.strata.ingest.DefaultIngestService;
import dev.strata.server.config.StrataConfig;
import dev.strata.spi.error.StrataException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartWriterConfig;
import java.io.PrintStream;
import java.time.InstantSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Process entry point ({@code strata serve ...}): binds the configuration, creates the process's
 * single Arrow root allocator and metric registry, starts the server and registers the shutdown
 * hook that runs its shutdown sequence on SIGTERM.
 */
public final class ServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {}

    public static void main(String[] args) {
        // grpc-java and a few libraries log through java.util.logging; route it into the same log
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode = run(args, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * The backends of this build: the column store (Parquet parts, memory from the process's root
     * allocator, metrics in the process registry) and the ingest service writing into it.
     */
    static BackendFactory productionBackends() {
        return (config, allocator, registry) -> {
            ColumnStore store = ColumnStore.open(config.storage(), new ParquetPartWriter(PartWriterConfig.DEFAULT),
                    new ParquetPartReader(), registry, allocator);
            return new Backend(store, new DefaultIngestService(store, config.ingestLimits(), InstantSource.system()));
        };
    }

    /** Runs a command; returns the process exit code (0 while serving: the server threads keep the JVM up). */
    static int run(String[] args, PrintStream err) {
        CommandLine commandLine;
        StrataConfig config;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.command().equals("help")) {
                err.print(CommandLine.USAGE);
                return 0;
            }
            config = commandLine.config();
        } catch (StrataException e) {
            err.println("strata: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return 2;
        }
        return serve(config, productionBackends());
    }

    static int serve(StrataConfig config, BackendFactory backends) {
        BufferAllocator allocator = new RootAllocator();
        PrometheusRegistry registry = new PrometheusRegistry();
        StrataServer server = new StrataServer(config, backends, allocator, registry, System::nanoTime);
        Thread shutdownHook = new Thread(() -> shutdown(server, allocator), "strata-shutdown");
        try {
            server.startListeners();
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            server.openBackend();
            return 0;
        } catch (RuntimeException e) {
            LOG.error("startup failed [reason={}]", e.getMessage(), e);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return 1; // the hook closes everything
            }
            shutdown(server, allocator);
            return 1;
        }
    }

    private static void shutdown(StrataServer server, BufferAllocator allocator) {
        try {
            server.close();
        } finally {
            try {
                allocator.close();
            } catch (IllegalStateException leak) {
                LOG.error("arrow memory leaked at shutdown [allocated_bytes={}]", allocator.getAllocatedMemory(), leak);
            }
        }
    }
}
