package io.anju.common.model;

/**
 * The secret a device had before its last rotation, still accepted until {@code validUntil} (Unix ms) so a device
 * that has not been re-provisioned yet keeps connecting while the installer changes it.
 *
 * @param secretHash the old secret's salted hash ({@link io.anju.common.auth.SecretHash})
 */
public record PreviousSecret(String secretHash, long validUntil) {
}
