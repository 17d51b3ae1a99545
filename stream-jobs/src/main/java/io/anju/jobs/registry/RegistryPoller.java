package io.anju.jobs.registry;

import io.anju.common.registry.RegistryException;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Looks at the registry file on every tick of its (rate-limited) data-generator source and emits a new
 * {@link RegistryView} when the file changed, an "unchanged" marker otherwise. A file that does not load (an edit
 * in progress, a typo) is reported and ignored: the running detectors keep the last good registry.
 * The file must be readable where this source runs (on a cluster: a shared volume).
 */
public final class RegistryPoller implements GeneratorFunction<Long, RegistryView> {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryPoller.class);

    private final String path;
    private transient RegistryFile file;
    private transient String lastVersion;
    private transient String lastError;

    public RegistryPoller(Path path) {
        this.path = path.toString();
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        file = new RegistryFile(Path.of(path));
    }

    @Override
    public RegistryView map(Long tick) {
        try {
            String version = file.version();
            if (version.equals(lastVersion)) {
                return RegistryView.unchanged(version);
            }
            RegistryView view = file.load();
            if (lastVersion != null) {
                LOG.info("registry {} changed: {} entries broadcast to the detectors", path, view.size());
            }
            lastVersion = view.version();
            lastError = null;
            return view;
        } catch (IOException | RegistryException e) {
            String message = e.getMessage();
            if (!message.equals(lastError)) {
                LOG.error("registry {} cannot be loaded, keeping the last good one: {}", path, message);
                lastError = message;
            }
            return RegistryView.unchanged(lastVersion == null ? "" : lastVersion);
        }
    }
}
