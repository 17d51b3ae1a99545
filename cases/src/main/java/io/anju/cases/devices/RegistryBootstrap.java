package io.anju.cases.devices;

import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryLoader;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The single-machine bootstrap: the first start on a store without a registry imports the registry file as revision
 * 1 (by {@code import:<file>}); from then on the store is the source of truth and the file is not read again.
 */
public final class RegistryBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryBootstrap.class);

    private RegistryBootstrap() {
    }

    /** The store's current revision, after importing {@code file} when the store holds none yet. */
    public static Future<RegistryRevision> currentOrImport(RegistryStore store, Path file, String setting) {
        return store.current().compose(found -> {
            if (found.isPresent()) {
                return Future.succeededFuture(found.get());
            }
            RegistryDocument document;
            try {
                document = RegistryLoader.load(file).document();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("setting " + setting + ": cannot load " + file + " (the case store "
                        + "holds no registry yet, so it is imported from this file): " + e.getMessage(), e);
            }
            return store.importIfEmpty(document, "import:" + file).compose(imported -> {
                if (imported) {
                    LOG.info("registry file {} imported as revision 1 ({} devices); the case store is its source of "
                            + "truth from now on", file, document.devices().size());
                }
                return store.current().map(r -> r.orElseThrow());
            });
        });
    }
}
