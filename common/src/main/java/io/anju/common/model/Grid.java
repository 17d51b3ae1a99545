package io.anju.common.model;

/** A management grid (网格) inside a community, with its one full-time grid worker. */
public record Grid(String id, String communityId, String worker) {
}
