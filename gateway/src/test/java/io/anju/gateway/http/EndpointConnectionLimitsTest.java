package io.anju.gateway.http;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The /health and /metrics listener's bounds, on Netty's embedded channel with its own clock. */
class EndpointConnectionLimitsTest {

    @Test
    void aConnectionWithoutAWholeRequestIsClosedAtTheDeadline() {
        EmbeddedChannel ch = new EmbeddedChannel(EndpointConnectionLimits.requestDeadline());
        ch.advanceTimeBy(EndpointConnectionLimits.REQUEST_DEADLINE_S - 1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).as("nothing but a dribble for the whole span").isFalse();
    }

    @Test
    void eachWholeRequestGivesTheConnectionAnotherSpan() {
        EmbeddedChannel ch = new EmbeddedChannel(EndpointConnectionLimits.requestDeadline());
        for (int i = 0; i < 3; i++) {
            ch.advanceTimeBy(EndpointConnectionLimits.REQUEST_DEADLINE_S - 1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
            ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/health"));
            ch.releaseInbound();
        }
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void connectionsBeyondTheCapAreClosedOnArrival() {
        EndpointConnectionLimits limits = new EndpointConnectionLimits();
        List<EmbeddedChannel> open = new ArrayList<>();
        for (int i = 0; i < EndpointConnectionLimits.MAX_CONNECTIONS; i++) {
            open.add(new EmbeddedChannel(limits.cap()));
        }
        assertThat(open).allMatch(EmbeddedChannel::isActive);
        EmbeddedChannel oneMore = new EmbeddedChannel(limits.cap());
        assertThat(oneMore.isActive()).isFalse();

        open.get(0).close();
        assertThat(new EmbeddedChannel(limits.cap()).isActive()).as("room again after one left").isTrue();
        assertThat(limits.open()).isEqualTo(EndpointConnectionLimits.MAX_CONNECTIONS);
    }
}
