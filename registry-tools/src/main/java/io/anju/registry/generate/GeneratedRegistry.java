package io.anju.registry.generate;

import io.anju.common.auth.Credentials;
import io.anju.common.registry.RegistryDocument;

import java.util.List;

/**
 * A generated registry and the plain device secrets, which exist only here and in the credentials file
 * (the document holds salted hashes).
 */
public record GeneratedRegistry(RegistryDocument document, List<Credentials.Entry> credentials) {
}
