package io.anju.gateway.http;

import io.anju.common.http.MetricsAccess;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves {@code GET /health} (JSON; 503 when down) and {@code GET /metrics} (Prometheus text format) to the callers
 * {@link MetricsAccess} lets in (403 naming why for the others). Runs on the HTTP listener's own event loop, never
 * on the devices' loops: a scrape of every meter must not hold up their packets.
 */
public final class HttpEndpointHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthSource health;
    private final PrometheusMeterRegistry prometheus;
    private final MetricsAccess metricsAccess;

    public HttpEndpointHandler(HealthSource health, PrometheusMeterRegistry prometheus, MetricsAccess metricsAccess) {
        this.health = health;
        this.prometheus = prometheus;
        this.metricsAccess = metricsAccess;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        FullHttpResponse response;
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "only GET\n");
        } else if (path.equals("/health")) {
            response = health();
        } else if (path.equals("/metrics")) {
            Optional<String> refusal = metricsAccess.refusal(remoteHost(ctx),
                    request.headers().get(HttpHeaderNames.AUTHORIZATION));
            response = refusal.isPresent() ? text(HttpResponseStatus.FORBIDDEN, "text/plain", refusal.get() + "\n")
                    : text(HttpResponseStatus.OK, PROMETHEUS_TYPE, prometheus.scrape());
        } else {
            response = text(HttpResponseStatus.NOT_FOUND, "text/plain", "try /health or /metrics\n");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String remoteHost(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    private FullHttpResponse health() {
        boolean up = health.up();
        String json = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"kafka\":\"" + (health.kafka() ? "up" : "down")
                + "\",\"connections\":" + health.connections()
                + ",\"paused\":" + health.paused() + ",\"pausedChannels\":" + health.pausedChannels()
                + ",\"disk\":\"" + health.disk() + "\"}\n";
        return text(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", json);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return r;
    }
}
