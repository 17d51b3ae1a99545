package io.anju.gateway.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fails a test class when Netty's leak detector reported a {@code LEAK:} while it ran (leaks are failures).
 * Registered for every test class through JUnit's extension auto-detection.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("LEAK:")) {
                    LEAKS.add(event.getFormattedMessage());
                }
            }
        };
        appender.setContext(detector.getLoggerContext());
        appender.start();
        detector.addAppender(appender);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // leaks are reported when a later buffer is tracked after the leaked one was collected
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
            probe.release();
        }
        if (!LEAKS.isEmpty()) {
            String first = LEAKS.get(0);
            int n = LEAKS.size();
            LEAKS.clear();
            throw new AssertionError(n + " Netty buffer leak(s) reported during " + context.getDisplayName() + ":\n" + first);
        }
    }
}
