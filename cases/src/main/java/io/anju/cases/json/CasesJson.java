package io.anju.cases.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.anju.common.json.Json;

/**
 * The platform's JSON configuration plus java.time: instants travel as ISO-8601 strings
 * ({@code 2026-11-29T10:15:30Z}) and durations as ISO-8601 periods ({@code PT30M}), so the API and the
 * category file read the same way.
 */
public final class CasesJson {
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private CasesJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
