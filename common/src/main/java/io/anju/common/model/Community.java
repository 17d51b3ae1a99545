package io.anju.common.model;

/** A community (社区) inside a sub-district; it runs a community command centre. */
public record Community(String id, String name, String subDistrictId) {
}
