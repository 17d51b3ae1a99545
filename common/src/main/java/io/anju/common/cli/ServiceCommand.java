package io.anju.common.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher of a long-running service ({@code ./anju gateway|cases|dashboards}): settings from defaults, then
 * {@code --config FILE}, then the service's environment variables, then {@code --set key=value} and the service's own
 * flags (those marked {@link SettingKey} mapped to their settings by themselves); {@code --settings} prints every setting; bad configuration fails at start (exit 2) naming the setting; the
 * service runs until the JVM is asked to stop, and is closed then. A subclass adds its flags and says how to load,
 * start and describe it.
 *
 * @param <C> the service's configuration
 * @param <S> the running service
 */
public abstract class ServiceCommand<C, S extends AutoCloseable> implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private SettingsOptions settings = new SettingsOptions();

    /** Every setting with its default, as printed by {@code --settings}. */
    protected abstract String settingsTable();

    /** The configuration from {@code file}, {@code env} and {@code overrides}; a bad value throws naming the setting. */
    protected abstract C load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides);

    /**
     * Puts the service's own flags, where given, into {@code overrides} as the settings they stand for. Options
     * marked {@link SettingKey} need nothing here; default: nothing more.
     */
    protected void flags(Map<String, String> overrides) {
    }

    /** Builds the service from {@code config} (and starts it, where the two are one step); a failure: exit code 1. */
    protected abstract S open(C config) throws Exception;

    /** Starts what {@link #open} built, once it is closed at shutdown; a failure: exit code 1. Default: nothing. */
    protected void start(S service) throws Exception {
    }

    /** One line saying where the started service listens. */
    protected abstract String banner(C config, S service);

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (settings.printSettings()) {
            out.print(settingsTable());
            out.flush();
            return 0;
        }
        Map<String, String> overrides = settings.overrides();
        SettingsOptions.putFlags(spec, overrides);
        flags(overrides);
        C config;
        try {
            config = load(settings.configFile(), System.getenv(), overrides);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad configuration: " + e.getMessage());
        }
        S service;
        try {
            service = open(config);
        } catch (Exception e) {
            return failed(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                spec.commandLine().getErr().println(spec.name() + ": closing: " + e);
            } finally {
                stopped.countDown();
            }
        }, spec.name() + "-shutdown"));
        try {
            start(service);
        } catch (Exception e) {
            return failed(e);
        }
        out.println(banner(config, service));
        out.flush();
        stopped.await();
        return 0;
    }

    private int failed(Exception e) {
        spec.commandLine().getErr().println(spec.name() + ": failed to start: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
    }
}
