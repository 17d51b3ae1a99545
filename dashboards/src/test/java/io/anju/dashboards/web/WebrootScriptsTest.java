package io.anju.dashboards.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webroot's script tests ({@code src/test/js/*.test.mjs}, Node's own test runner), run by the build with Node 18
 * or later, which {@code scripts/install-deps.sh --test} installs; without it the test fails saying so.
 */
class WebrootScriptsTest {
    private static final Path SCRIPT_TESTS = Path.of("src", "test", "js");
    private static final int MIN_NODE_MAJOR = 18;

    @Test
    void theScriptTests_pass() throws Exception {
        assertThat(nodeMajor()).as("Node %d+ on the PATH (scripts/install-deps.sh --test installs it)", MIN_NODE_MAJOR)
                .isGreaterThanOrEqualTo(MIN_NODE_MAJOR);
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(SCRIPT_TESTS)) {
            files.map(Path::toString).filter(f -> f.endsWith(".test.mjs")).sorted().forEach(command::add);
        }
        assertThat(command).as("script tests under %s", SCRIPT_TESTS).hasSizeGreaterThan(2);
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).as(out).isZero();
    }

    /** The installed Node's major version; 0 when there is none. */
    private static int nodeMajor() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && v.matches("v\\d+\\..*")
                    ? Integer.parseInt(v.substring(1, v.indexOf('.'))) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
