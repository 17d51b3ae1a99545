package io.anju.dashboards.live;

import io.anju.dashboards.live.SseParser.Frame;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    @Test
    void framesSplitAcrossChunks_areReadWhole_commentsSkipped_dataLinesJoined() {
        byte[] stream = ("retry: 3000\n: connected\n\n"
                + "id: 7\nevent: case_updated\ndata: {\"after\":{\"id\":4,\"title\":\"火灾风险\"}}\n\n"
                + ": keep-alive\n\n"
                + "event: resync\ndata: line one\ndata: line two\r\n\r\n"
                + "id: 8\ndata: {\"partial\"").getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<Frame> frames = new ArrayList<>();
        // One byte at a time: every split, including inside a UTF-8 character, must come out the same.
        for (byte b : stream) {
            parser.feed(Buffer.buffer(new byte[] {b}), frames::add);
        }

        assertThat(frames).containsExactly(
                new Frame("7", "case_updated", "{\"after\":{\"id\":4,\"title\":\"火灾风险\"}}"),
                new Frame(null, "resync", "line one\nline two"));
        parser.feed(Buffer.buffer(":true}\n\n"), frames::add);
        assertThat(frames).last().isEqualTo(new Frame("8", null, "{\"partial\":true}"));
    }
}
