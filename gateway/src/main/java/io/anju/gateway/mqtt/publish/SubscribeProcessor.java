package io.anju.gateway.mqtt.publish;

import io.anju.gateway.mqtt.connection.MqttConnection;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.session.SessionRegistry;
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
 */
public final class SubscribeProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeProcessor.class);

    private final SessionRegistry sessions;

    public SubscribeProcessor(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    public void subscribe(MqttConnection conn, MqttSubscribeMessage msg) {
        List<Integer> codes = new ArrayList<>();
        boolean commands = false;
        for (MqttTopicSubscription sub : msg.payload().topicSubscriptions()) {
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
            sessions.commandsSubscribed(conn.session());
        }
    }

    public void unsubscribe(MqttConnection conn, MqttUnsubscribeMessage msg) {
        conn.send(MqttReplies.unsubAck(msg.idAndPropertiesVariableHeader().messageId(),
                msg.payload().topics().size(), conn.isMqtt5()));
    }
}
