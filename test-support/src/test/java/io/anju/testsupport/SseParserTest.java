package io.anju.testsupport;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    @Test
    void eventsEndAtABlankLineAndCommentsAreSkipped() {
        List<String> seen = new ArrayList<>();
        SseParser p = new SseParser((name, data) -> seen.add(name + "=" + data));
        for (String line : List.of("retry: 3000", ": connected", "", "event: zone", "data: {\"zoneId\":\"z-01\"}", "",
                ": hb", "", "event: alert", "data: a", "data: b", "", "data: plain", "")) {
            p.line(line);
        }
        assertThat(seen).containsExactly("zone={\"zoneId\":\"z-01\"}", "alert=a\nb", "message=plain");
    }
}
