package io.anju.bench.registry;

import io.anju.cases.devices.bulk.CsvColumn;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.live.RegistryFollower;
import io.anju.common.topic.KafkaConnection;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./anju bench registry-import}: bulk import of devices from CSV through the case service's API (goal: 10,000
 * devices in ≤ 10 s, validated). Embedded Kafka and PostgreSQL and the case service in this JVM; the CSV is generated
 * from the Lianhu registry's compounds and zones (chargers, gates, cameras, crowd counters). Timed: the dry run (POST
 * until its answer), the import (POST until its answer: parse, plan, validate, issue secrets, write one revision) and
 * the import until its revision is read back from {@code anju.registry} by a follower, as the gateways read it.
 */
@Command(name = "bench registry-import", mixinStandardHelpOptions = true,
        description = "Bulk import of devices from CSV (dry run, import, and until the revision is on anju.registry).")
public final class RegistryImportBench implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryImportBench.class);
    private static final String PASSWORD = "bench registry import";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Option(names = "--devices", description = "Devices in the CSV (default ${DEFAULT-VALUE}).", defaultValue = "10000")
    private int devices;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RegistryImportBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 50_000) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--devices must be 1 to 50,000");
        }
        Path dir = Files.createTempDirectory("anju-bench-registry-import-");
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        String csv = csv(registry, devices);
        Map<Long, Long> seenAtNanos = new ConcurrentHashMap<>();
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
             CasesServer server = CasesServer.start(CasesConfig.of(Map.of("http.host", "127.0.0.1", "http.port", "0",
                     "registry.file", registryFile.toString(), "data.dir", dir.resolve("data").toString(),
                     "kafka.bootstrap", kafka.bootstrapServers(), "auth.passwordIterations", "10000")));
             RegistryFollower follower = new RegistryFollower(KafkaConnection.plain(kafka.bootstrapServers()),
                     "bench-registry-import", registry)
                     .onChange((before, after, revision) -> seenAtNanos.put(revision.revision(), System.nanoTime()))
                     .start(PATIENCE)) {
            await(server.users().add("district", "district_operator", "lianhu", PASSWORD, null));
            WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(server.httpPort()));
            String token = await(client.post("/api/v1/auth/login").sendJsonObject(new JsonObject()
                    .put("name", "district").put("password", PASSWORD))).bodyAsJsonObject().getString("token");

            long started = System.nanoTime();
            JsonObject dry = post(client, token, "/api/v1/devices/import?dryRun=true", csv);
            double dryMs = ms(System.nanoTime() - started);
            LOG.info("dry run: {} in {} ms", dry.encode(), dryMs);

            started = System.nanoTime();
            JsonObject done = post(client, token, "/api/v1/devices/import", csv);
            double importMs = ms(System.nanoTime() - started);
            long revision = done.getLong("revision");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!seenAtNanos.containsKey(revision) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Long seen = seenAtNanos.get(revision);
            if (seen == null) {
                LOG.error("revision {} was not read from anju.registry within {}", revision, PATIENCE);
                return 1;
            }
            double onTopicMs = ms(seen - started);
            out().printf("%nbulk import of %,d devices from CSV (%,d bytes) into the Lianhu registry (%,d devices), "
                    + "through POST /api/v1/devices/import%n", devices, csv.length(), registry.devices().size());
            out().println("| measure | ms |\n| --- | --- |");
            out().printf("| dry run (%d would be added), request → answer | %.0f |%n", dry.getInteger("added"),
                    dryMs);
            out().printf("| import (%d added, revision %d), request → answer with the secrets | %.0f |%n",
                    done.getInteger("added"), revision, importMs);
            out().printf("| import, request → revision read from anju.registry | %.0f |%n", onTopicMs);
            out().flush();
            return done.getInteger("added") == devices && onTopicMs <= 10_000 ? 0 : 1;
        } finally {
            await(vertx.close());
        }
    }

    /** {@code n} new devices over the registry's compounds and zones: 6 in 10 chargers, then gates, cameras, crowd. */
    static String csv(Registry registry, int n) {
        List<Compound> withChargers = registry.compounds().stream().filter(Compound::chargers).toList();
        List<Compound> compounds = List.copyOf(registry.compounds());
        List<CrowdZone> zones = List.copyOf(registry.zones());
        StringBuilder out = new StringBuilder(CsvColumn.FULL_HEADER).append('\n');
        for (int i = 0; i < n; i++) {
            String id = String.format("imp-%05d", i);
            Compound c = compounds.get(i % compounds.size());
            String installation = "Acme,M-" + (i % 7) + ",2." + (i % 4) + ".0,2026-12-0" + (1 + i % 7) + ",Lianhu PM "
                    + (i % 12);
            switch (i % 10) {
                case 0, 1, 2, 3, 4, 5 -> out.append(id).append(",charger,")
                        .append(withChargers.get(i % withChargers.size()).id()).append(",,").append(4 + i % 9)
                        .append(",,,,,,,,").append(installation);
                case 6, 7 -> out.append(id).append(",gate,").append(c.id()).append(",,,,,,,,")
                        .append(i % 2 == 0 ? "vehicle" : "pedestrian").append(",both,").append(installation);
                case 8 -> out.append(id).append(",camera,").append(c.id()).append(",,,,,,corridor,")
                        .append(1 + i % 20).append(",,,").append(installation);
                default -> out.append(id).append(",crowd,,").append(zones.get(i % zones.size()).id())
                        .append(",,,,,,,,,").append(installation);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static JsonObject post(WebClient client, String token, String path, String csv) throws Exception {
        HttpResponse<Buffer> r = await(client.post(path).bearerTokenAuthentication(token)
                .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(csv)));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.bodyAsJsonObject();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The report goes to the command's own output (the bench's result, not a log line). */
    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
