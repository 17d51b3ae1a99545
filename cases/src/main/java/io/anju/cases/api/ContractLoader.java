package io.anju.cases.api;

import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads {@code openapi/cases.yaml} from the class path: as text for GET /openapi.yaml, and as JSON for the router.
 * vertx-openapi 5.0 refuses response media types it cannot validate, {@code text/event-stream} among them, so the
 * router's copy declares the SSE response as {@code text/plain}; responses are not validated, so nothing else changes.
 * It cannot validate a {@code text/csv} request body either: the router's copy leaves such bodies out, and their
 * handler reads and checks them (the device import).
 */
final class ContractLoader {
    private static final String SSE = "text/event-stream";
    private static final String CSV = "text/csv";

    private ContractLoader() {
    }

    static String text(String resource) {
        try (InputStream in = ContractLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The contract as the router takes it. */
    static JsonObject forRouter(String yamlText) {
        Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        JsonObject contract = new JsonObject(tree);
        JsonObject paths = contract.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (item.getValue(method) instanceof JsonObject operation && operation.getJsonObject("requestBody") != null
                        && operation.getJsonObject("requestBody").getJsonObject("content") != null
                        && operation.getJsonObject("requestBody").getJsonObject("content").containsKey(CSV)) {
                    operation.remove("requestBody");
                }
                if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("responses")) {
                    operation.getJsonObject("responses").forEach(entry -> {
                        if (entry.getValue() instanceof JsonObject response
                                && response.getJsonObject("content") != null
                                && response.getJsonObject("content").containsKey(SSE)) {
                            JsonObject content = response.getJsonObject("content");
                            content.put("text/plain", content.remove(SSE));
                        }
                    });
                }
            }
        }
        return contract;
    }
}
