package io.anju.cases.testing;

import io.anju.cases.notify.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local stand-ins for a WeCom group robot ({@code /wecom}), a DingTalk robot ({@code /dingtalk}) and an SMS gateway
 * speaking Anju's contract ({@code /sms}). Each checks the request the way the real receiver does and answers as it
 * does: WeCom checks the key and the message shape and answers {@code {"errcode":…}}; DingTalk checks the access
 * token, recomputes the signature from {@code timestamp} and its secret and refuses a wrong one (errcode 310000);
 * the SMS gateway verifies the HMAC signature (401 otherwise) and the contract's fields (400 otherwise). A test can
 * script the next answers of a path: an HTTP status, an errcode, or a hang (no answer at all).
 */
public final class RobotReceiver {
    public static final String WECOM_KEY = "wecom-test-key";
    public static final String DINGTALK_TOKEN = "dingtalk-test-token";
    public static final String DINGTALK_SECRET = "SEC-dingtalk-test-secret";
    public static final String SMS_SECRET = "an-sms-gateway-secret";

    /** One received request and the answer it got ({@code status} 0 when the receiver did not answer). */
    public record Request(String path, Map<String, String> query, Map<String, String> headers, String body,
                          int status, JsonObject answer) {
        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** A scripted answer: an HTTP status, a robot errcode (with HTTP 200), or no answer. */
    public record Script(int status, Integer errcode, boolean silent) {
        public static Script http(int status) {
            return new Script(status, null, false);
        }

        public static Script errcode(int errcode) {
            return new Script(200, errcode, false);
        }

        public static Script hang() {
            return new Script(0, null, true);
        }
    }

    private final Clock clock;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Script>> scripts = new ConcurrentHashMap<>();
    private HttpServer server;

    /** {@code clock} is the receiver's own, against which DingTalk's and the gateway's timestamps are checked. */
    public RobotReceiver(Clock clock) {
        this.clock = clock;
    }

    public Future<RobotReceiver> start(Vertx vertx) {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0, "localhost").map(s -> this);
    }

    public String url(String pathAndQuery) {
        return "http://localhost:" + server.actualPort() + pathAndQuery;
    }

    /** The next answers of {@code path}, in order; after them the receiver judges requests normally. */
    public void script(String path, Script... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void reset() {
        requests.clear();
        scripts.clear();
    }

    public Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(buffer -> {
            String body = buffer.toString(StandardCharsets.UTF_8);
            Map<String, String> query = new ConcurrentHashMap<>();
            req.params().forEach(e -> query.put(e.getKey(), e.getValue()));
            Map<String, String> headers = new ConcurrentHashMap<>();
            req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
            Deque<Script> queue = scripts.get(req.path());
            Script scripted = queue == null ? null : queue.poll();
            if (scripted != null && scripted.silent()) {
                requests.add(new Request(req.path(), query, headers, body, 0, null));
                return; // never answers
            }
            int status;
            JsonObject answer;
            if (scripted != null && scripted.errcode() == null) {
                status = scripted.status();
                answer = new JsonObject().put("error", "scripted");
            } else {
                status = 200;
                answer = switch (req.path()) {
                    case "/wecom" -> weCom(req, body);
                    case "/dingtalk" -> dingTalk(req, body);
                    case "/sms" -> null;
                    default -> new JsonObject().put("errcode", 404).put("errmsg", "no such robot");
                };
                if ("/sms".equals(req.path())) {
                    String refusal = sms(headers, body);
                    status = refusal == null ? 202 : refusal.startsWith("signature") ? 401 : 400;
                    answer = refusal == null ? new JsonObject().put("accepted", true)
                            : new JsonObject().put("error", refusal);
                } else if (scripted != null && answer.getInteger("errcode") == 0) {
                    answer = new JsonObject().put("errcode", scripted.errcode()).put("errmsg", "scripted");
                }
            }
            requests.add(new Request(req.path(), query, headers, body, status, answer));
            req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(answer.encode());
        });
    }

    /** WeCom: the key, then {"msgtype":"text","text":{"content","mentioned_mobile_list"}} or markdown.content. */
    private static JsonObject weCom(HttpServerRequest req, String body) {
        if (!WECOM_KEY.equals(req.getParam("key"))) {
            return error(93000, "invalid webhook url");
        }
        JsonObject m;
        try {
            m = new JsonObject(body);
        } catch (RuntimeException e) {
            return error(40016, "invalid json");
        }
        String type = m.getString("msgtype");
        if ("text".equals(type)) {
            JsonObject text = m.getJsonObject("text");
            if (text == null || blank(text.getString("content"))) {
                return error(40008, "text.content missing");
            }
            Object mentions = text.getValue("mentioned_mobile_list");
            if (mentions != null && !(mentions instanceof JsonArray a && a.stream().allMatch(x -> x instanceof String))) {
                return error(40058, "mentioned_mobile_list must be a list of strings");
            }
        } else if ("markdown".equals(type)) {
            JsonObject md = m.getJsonObject("markdown");
            if (md == null || blank(md.getString("content"))) {
                return error(40008, "markdown.content missing");
            }
        } else {
            return error(40008, "invalid message type");
        }
        return new JsonObject().put("errcode", 0).put("errmsg", "ok");
    }

    /** DingTalk: the token, the signature over "<timestamp>\n<secret>" within an hour, then the markdown shape. */
    private JsonObject dingTalk(HttpServerRequest req, String body) {
        if (!DINGTALK_TOKEN.equals(req.getParam("access_token"))) {
            return error(300001, "token is not exist");
        }
        String ts = req.getParam("timestamp");
        String sign = req.getParam("sign");
        if (ts == null || sign == null) {
            return error(310000, "sign not match");
        }
        long millis;
        try {
            millis = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return error(310000, "timestamp is not a number");
        }
        if (Math.abs(clock.millis() - millis) > Duration.ofHours(1).toMillis()) {
            return error(310000, "timestamp too far from now");
        }
        // DingTalk's rule, computed here on its own: Base64(HmacSHA256(secret, "<timestamp>\n<secret>")), sent
        // URL-encoded (Base64's + / = would otherwise be mangled in the query).
        String expected = URLEncoder.encode(hmacBase64(DINGTALK_SECRET, ts + "\n" + DINGTALK_SECRET),
                StandardCharsets.UTF_8);
        String raw = req.query() == null ? "" : req.query();
        String rawSign = raw.replaceAll(".*(?:^|&)sign=([^&]*).*", "$1");
        if (!expected.equals(rawSign)) {
            return error(310000, "sign not match");
        }
        JsonObject m = new JsonObject(body);
        JsonObject md = m.getJsonObject("markdown");
        if (!"markdown".equals(m.getString("msgtype")) || md == null || blank(md.getString("title"))
                || blank(md.getString("text"))) {
            return error(40035, "markdown.title and markdown.text are required");
        }
        JsonObject at = m.getJsonObject("at");
        if (at != null && at.getValue("atMobiles") != null && !(at.getValue("atMobiles") instanceof JsonArray)) {
            return error(40035, "at.atMobiles must be a list");
        }
        return new JsonObject().put("errcode", 0).put("errmsg", "ok");
    }

    /** The SMS contract: signature first (null = accepted; a reason starting "signature" is a 401). */
    private String sms(Map<String, String> headers, String body) {
        if (!WebhookSignature.verify(SMS_SECRET, headers.get("x-anju-signature"), headers.get("x-anju-timestamp"),
                body, clock.instant(), Duration.ofMinutes(5))) {
            return "signature does not match";
        }
        JsonObject m;
        try {
            m = new JsonObject(body);
        } catch (RuntimeException e) {
            return "body is not JSON";
        }
        if (blank(m.getString("idempotencyKey")) || !m.getString("idempotencyKey").equals(headers.get("idempotency-key"))) {
            return "idempotencyKey must match the Idempotency-Key header";
        }
        if (blank(m.getString("caseNo")) || blank(m.getString("text")) || blank(m.getString("severity"))
                || !(m.getValue("voice") instanceof Boolean)) {
            return "caseNo, text, severity and voice are required";
        }
        if (!"zh".equals(m.getString("language")) && !"en".equals(m.getString("language"))) {
            return "language must be zh or en";
        }
        JsonArray to = m.getJsonArray("recipients");
        if (to == null || to.isEmpty() || !to.stream().allMatch(p -> p instanceof String s && s.matches("\\+?[0-9]{5,20}"))) {
            return "recipients must be a non-empty list of phone numbers";
        }
        return null;
    }

    private static String hmacBase64(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject error(int code, String message) {
        return new JsonObject().put("errcode", code).put("errmsg", message);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
