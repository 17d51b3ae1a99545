package io.anju.sim.link;

import javax.net.SocketFactory;

/**
 * How to connect one device: broker URI ({@code tcp://host:port} or {@code ssl://host:port}), client id (= device
 * id = user name), password (secret or signed token), keep-alive, the Will on the status topic, and the socket
 * factory for TLS (null for plain TCP).
 */
public record ConnectSpec(String serverUri, String clientId, String password, int keepAliveS, String willTopic,
                          byte[] willPayload, SocketFactory socketFactory, int connectTimeoutS) {
    public static final int DEFAULT_KEEP_ALIVE_S = 60;
    public static final int DEFAULT_CONNECT_TIMEOUT_S = 10;
}
