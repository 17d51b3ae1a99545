package io.anju.jobs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone Flink cluster of {@code scripts/flink-cluster.sh} ({@code ./anju cluster flink}), driven as an
 * operator drives it: {@code up}, {@code submit} (Flink's own CLI), its REST API and pid files, {@code down}. Its
 * processes are JVMs of their own; {@link #close()} stops every one of them, and kills what {@code down} left.
 */
final class ScriptedFlinkCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptedFlinkCluster.class);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final Path script;
    private final Path dir;
    private final String restUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScriptedFlinkCluster(Path script, Path dir, String restUrl) {
        this.script = script;
        this.dir = dir;
        this.restUrl = restUrl;
    }

    /** A cluster of two TaskManagers with two slots each, its files in {@code dir}, no Prometheus reporter. */
    static ScriptedFlinkCluster up(Path dir) throws IOException, InterruptedException {
        Path script = repositoryRoot().resolve("scripts/flink-cluster.sh");
        ScriptedFlinkCluster cluster = new ScriptedFlinkCluster(script, dir, null);
        try {
            cluster.run(Duration.ofMinutes(3), "up");
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        Properties ports = new Properties();
        try (var in = Files.newInputStream(dir.resolve("run/ports.env"))) {
            ports.load(in);
        }
        return new ScriptedFlinkCluster(script, dir, "http://127.0.0.1:" + ports.getProperty("REST_PORT"));
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("scripts/flink-cluster.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/flink-cluster.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** {@code flink run -d <the stream-jobs job jar> args}: the id of the job submitted. */
    String submit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("submit"));
        command.addAll(List.of(args));
        String out = run(Duration.ofMinutes(2), command.toArray(String[]::new));
        Matcher m = JOB_ID.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("flink run printed no job id:\n" + out);
        }
        return m.group(1);
    }

    /** GET on the cluster's REST API. */
    JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(restUrl + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return Json.tree(r.body());
    }

    /** The job's state (RUNNING, RESTARTING, …). */
    String state(String jobId) throws IOException, InterruptedException {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    /** The TaskManagers running a task of the job, when the job and every one of its tasks run. */
    Set<String> runningOn(String jobId) throws IOException, InterruptedException {
        JsonNode job = rest("/jobs/" + jobId);
        Set<String> taskManagers = new HashSet<>();
        if (!job.path("state").asText().equals("RUNNING")) {
            return taskManagers;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return Set.of();
            }
            for (JsonNode tm : rest("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                taskManagers.add(tm.path("taskmanager-id").asText());
            }
        }
        return taskManagers;
    }

    /** Checkpoints of the job completed so far. */
    long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return rest("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The checkpoint the job was last restored from, or a missing node when it never was. */
    JsonNode restoredFrom(String jobId) throws IOException, InterruptedException {
        return rest("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
    }

    /** SIGKILL to one process of the cluster ({@code taskmanager-2}, {@code jobmanager}), as a crash would end it. */
    void kill(String process) throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve("run/" + process + ".pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        LOG.info("{} (pid {}) killed with SIGKILL", process, pid);
    }

    private String run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("flink-cluster-", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("FLINK_CLUSTER_DIR", dir.toString());
        // Flink's reporter would bind every interface; the test keeps to loopback.
        pb.environment().put("FLINK_PROMETHEUS", "0");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("flink-cluster.sh " + args[0] + " still running after " + timeout + ":\n"
                        + Files.readString(out));
            }
            String output = Files.readString(out);
            LOG.info("flink-cluster.sh {}:\n{}", String.join(" ", args), output.strip());
            if (p.exitValue() != 0) {
                throw new IOException("flink-cluster.sh " + args[0] + " exited " + p.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(Duration.ofSeconds(60), "down");
        } finally {
            // Whatever down could not stop (or never saw) must not outlive the test.
            try (var pids = Files.newDirectoryStream(dir.resolve("run"), "*.pid")) {
                for (Path f : pids) {
                    ProcessHandle.of(Long.parseLong(Files.readString(f).trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (java.nio.file.NoSuchFileException ignored) {
                // up never got as far as starting a process
            }
        }
    }
}
