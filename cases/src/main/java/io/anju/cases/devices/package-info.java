/**
 * The device registry service: the registry (places and devices) kept in the case store as the source of truth
 * ({@link io.anju.cases.devices.RegistryStore}), changed one device at a time in audited, validated transactions
 * ({@link io.anju.cases.devices.DeviceChange}), relayed to {@code anju.registry} by an outbox
 * ({@link io.anju.cases.devices.RegistryRelay}) and used live by the service itself
 * ({@link io.anju.cases.devices.LiveRegistry}).
 */
package io.anju.cases.devices;
