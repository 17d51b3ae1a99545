package io.anju.sim.cli;

import io.anju.common.model.DistrictTime;
import io.anju.common.cli.Durations;
import io.anju.common.auth.Credentials;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.firmware.DeviceFlaw;
import io.anju.sim.link.Backoff;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.link.Tls;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code sim run}: plays registry devices against a gateway until stopped or for {@code --duration}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Play registry devices over MQTT with realistic behaviour and injected faults.")
public final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter SIM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--registry", required = true, description = "Registry JSON file.")
    Path registry;
    @Option(names = "--credentials", required = true, description = "Credentials CSV (deviceId,type,secret).")
    Path credentials;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Gateway host (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", description = "Gateway MQTT port (default 1883, or 8883 with --tls).")
    Integer port;
    @Option(names = "--tls", description = "Connect over TLS.")
    boolean tls;
    @Option(names = "--ca", description = "PEM CA certificate(s) to trust for --tls (default: the JVM trust store).")
    Path ca;
    @Option(names = "--devices", defaultValue = "all",
            description = "Which devices: all, key=value pairs (type=charger,limit=200,compound=ID,zone=ID) or ids.")
    String devices;
    @Option(names = "--scenario", defaultValue = "evening", description = "evening, holiday or quiet (default ${DEFAULT-VALUE}).")
    String scenario;
    @Option(names = "--start", description = "Simulated start: now, HH:mm today, or yyyy-MM-ddTHH:mm (Xi'an time); "
            + "default the scenario's hour today (evening 17:30, holiday 10:00, quiet 03:00).")
    String start;
    @Option(names = "--speed", defaultValue = "1", description = "Simulated seconds per real second (default ${DEFAULT-VALUE}).")
    double speed;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of all randomness (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--faults", defaultValue = "auto", description = "auto (planned from the seed), none, or a fault-plan JSON file.")
    String faults;
    @Option(names = "--ground-truth", description = "Append injected faults to this JSONL file.")
    Path groundTruth;
    @Option(names = "--plan-out", description = "Write the fault plan used to this JSON file.")
    Path planOut;
    @Option(names = "--duration", description = "Stop after this real time (90s, 10m, 2h); default: run until Ctrl-C.")
    String duration;
    @Option(names = "--mqtt", defaultValue = "mixed", description = "3, 5 or mixed (alternating; default ${DEFAULT-VALUE}).")
    String mqtt;
    @Option(names = "--token-auth", description = "Send signed hmac-sha256 tokens instead of plain secrets.")
    boolean tokenAuth;
    @Option(names = "--keep-alive", defaultValue = "60", description = "MQTT keep-alive seconds (default ${DEFAULT-VALUE}).")
    int keepAlive;
    @Option(names = "--clock-fault", description = "A device whose clock is wrong (repeatable): DEVICE=ahead:24h, "
            + "DEVICE=behind:10m, or DEVICE=reset:2000-01-01T00:00:00Z[@30m] (an RTC reset, 30 simulated minutes in).")
    List<String> clockFaults = new ArrayList<>();
    @Option(names = "--flaw", description = "A device whose firmware breaks the protocol on purpose (repeatable): "
            + "DEVICE=FLAW, FLAW one of wrong_units (readings in mV / tenths of a degree / ms), no_heartbeat, "
            + "no_backoff (reconnects every 200 ms), wrong_reply_id, clock_10_min_off.")
    List<String> flaws = new ArrayList<>();
    @Option(names = "--clock-anchor", paramLabel = "EPOCH_MS", description = "A predictable clock: simulated time is "
            + "EPOCH_MS + (wall now - EPOCH_MS) x --speed, running from the start (not with --start).")
    Long clockAnchor;

    @Override
    public Integer call() throws Exception {
        RunSettings settings = settings();
        Registry reg = RegistryLoader.load(registry);
        Map<String, String> secrets = Credentials.secretsById(credentials);
        SimStats stats = new SimStats();
        Simulation sim = SimulationFactory.create(reg, secrets, settings, stats);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("simulating %d devices from %s at %.0fx, scenario %s, seed %d, faults %s%n",
                sim.deviceCount(), SIM_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(settings.startMs()),
                        DistrictTime.ZONE)), settings.speed(), settings.scenario().wireName(), seed, faults);
        sim.start();
        long endNanos = duration == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Durations.parseMillis("--duration", duration));
        while (System.nanoTime() < endNanos && stopped.getCount() > 0) {
            if (stopped.await(1, TimeUnit.SECONDS)) {
                break;
            }
            System.out.printf("[sim %s] connected=%d/%d sent=%d acked=%d errors=%d dropped=%d faults=%d commands=%d%n",
                    SIM_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(sim.clock().now()), DistrictTime.ZONE)),
                    stats.connected.get(), sim.deviceCount(), stats.published.sum(), stats.acknowledged.sum(),
                    stats.errors.sum(), stats.droppedWhileDisconnected.sum(), stats.faultsInjected.sum(),
                    stats.commands.sum());
        }
        if (stopped.getCount() > 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
            sim.close();
        }
        System.out.printf("done: sent=%d acked=%d errors=%d faults injected=%d%n", stats.published.sum(),
                stats.acknowledged.sum(), stats.errors.sum(), stats.faultsInjected.sum());
        return 0;
    }

    RunSettings settings() {
        Scenario sc = Scenario.parse(scenario);
        if (keepAlive < 10 || keepAlive > 65_535) {
            throw new IllegalArgumentException("--keep-alive must be 10..65535 seconds");
        }
        if (ca != null && !tls) {
            throw new IllegalArgumentException("--ca needs --tls");
        }
        double simSpeed = speed;
        if (!(simSpeed > 0) || simSpeed > 100_000) {
            throw new IllegalArgumentException("--speed must be > 0 and <= 100000, was " + simSpeed);
        }
        if (clockAnchor != null && (clockAnchor <= 0 || start != null)) {
            throw new IllegalArgumentException(start != null ? "--clock-anchor and --start exclude each other"
                    : "--clock-anchor must be Unix milliseconds, was " + clockAnchor);
        }
        long startMs = clockAnchor != null ? SimClock.anchored(clockAnchor, simSpeed).now() : startMs(sc);
        long windowMs = duration == null ? 24 * 3_600_000L
                : (long) (Durations.parseMillis("--duration", duration) * simSpeed);
        int p = port != null ? port : tls ? 8883 : 1883;
        if (p < 1 || p > 65_535) {
            throw new IllegalArgumentException("--port must be 1..65535");
        }
        String uri = (tls ? "ssl://" : "tcp://") + host + ":" + p;
        LinkSettings link = new LinkSettings(uri, tls ? Tls.socketFactory(ca) : null, tokenAuth,
                keepAlive, System::currentTimeMillis);
        return new RunSettings(DeviceFilter.parse(devices), sc, seed, simSpeed, startMs, faults, groundTruth, planOut,
                windowMs, MqttVersionChoice.parse(mqtt), link,
                clockFaults.stream().map(spec -> ClockFault.parse(spec, startMs)).toList(),
                flaws.stream().map(DeviceFlaw::parse).toList(), clockAnchor, Backoff.DEFAULT_BASE_MS, Map.of());
    }

    private long startMs(Scenario sc) {
        LocalDate today = LocalDate.now(DistrictTime.ZONE);
        if (start == null) {
            return sc.defaultStartMs(today);
        }
        try {
            if (start.equals("now")) {
                return System.currentTimeMillis();
            }
            if (start.length() <= 5) {
                return today.atTime(java.time.LocalTime.parse(start)).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(start).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be now, HH:mm or yyyy-MM-ddTHH:mm, was '" + start + "'");
        }
    }
}
