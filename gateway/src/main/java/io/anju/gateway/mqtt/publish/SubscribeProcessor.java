package io.anju.gateway.mqtt.publish;

import io.anju.gateway.metrics.GatewayMetrics.Limit;
import io.anju.gateway.mqtt.connection.MqttConnection;
import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE: a device may subscribe only to its own command topic (granted at most QoS 1, the QoS
 * commands are sent with); any other filter is refused (3.1.1: 0x80, 5.0: 0x87 Not authorized). A granted command
 * subscription tells the session registry that the device is ready for the commands held while it was away.
 * A device needs one filter: a packet with more than {@code limits.maxFiltersPerSubscribe}, or a connection that has
 * sent more than {@code limits.maxFiltersPerConnection} in all, is closed (5.0: DISCONNECT 0x97 Quota exceeded)
 * instead of answered filter by filter.
 */
public final class SubscribeProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeProcessor.class);

    private final MqttServices services;

    public SubscribeProcessor(MqttServices services) {
        this.services = services;
    }

    public void subscribe(MqttConnection conn, MqttSubscribeMessage msg) {
        List<MqttTopicSubscription> filters = msg.payload().topicSubscriptions();
        if (!withinFilterLimits(conn, filters.size())) {
            return;
        }
        List<Integer> codes = new ArrayList<>(filters.size());
        boolean commands = false;
        for (MqttTopicSubscription sub : filters) {
            if (TopicAcl.subscribe(sub.topicFilter(), conn.device())) {
                codes.add(Math.min(sub.qualityOfService().value(), 1));
                commands = true;
            } else {
                LOG.debug("device {}: subscription to {} refused", conn.device().id(), sub.topicFilter());
                codes.add(conn.isMqtt5() ? MqttReplies.NOT_AUTHORIZED & 0xFF : MqttReplies.SUBACK_FAILURE_3);
            }
        }
        conn.send(MqttReplies.subAck(msg.idAndPropertiesVariableHeader().messageId(), codes));
        if (commands) {
            // After the SUBACK: commands held while the device was away may go now.
            services.sessions().commandsSubscribed(conn.session());
        }
    }

    public void unsubscribe(MqttConnection conn, MqttUnsubscribeMessage msg) {
        int filters = msg.payload().topics().size();
        if (withinFilterLimits(conn, filters)) {
            conn.send(MqttReplies.unsubAck(msg.idAndPropertiesVariableHeader().messageId(), filters, conn.isMqtt5()));
        }
    }

    /** Counts a packet's filters; false (and the connection closing) when over the per-packet or per-connection cap. */
    private boolean withinFilterLimits(MqttConnection conn, int filters) {
        MqttLimits limits = services.limits();
        int total = conn.addTopicFilters(filters);
        if (filters <= limits.maxFiltersPerSubscribe() && total <= limits.maxFiltersPerConnection()) {
            return true;
        }
        LOG.info("closing device {}: {} topic filters in one packet, {} on this connection (at most {} and {})",
                conn.device().id(), filters, total, limits.maxFiltersPerSubscribe(), limits.maxFiltersPerConnection());
        services.metrics().limitHit(Limit.SUBSCRIBE_FILTERS);
        conn.close(MqttReplies.QUOTA_EXCEEDED, "quota_exceeded", filters + " topic filters in one packet, " + total
                + " on this connection (at most " + limits.maxFiltersPerSubscribe() + " and " + limits.maxFiltersPerConnection() + ")");
        return false;
    }
}
